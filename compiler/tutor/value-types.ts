// The types of values a tenant may give Tutor settings. Each admits only what the setting's consumers
// read as plain data: the Python settings, YAML env files, shell scripts and Dockerfiles Tutor writes.
import { z } from "zod";
import { Image } from "../schema/common";
import { checkText, TutorText } from "../schema/tutor-text";

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : String(v));
// every format is also TutorText: a format alone once let the secret placeholder through as an image registry
const matching = (re: RegExp, what: string) => TutorText.regex(re, { error: (i) => `${show(i.input)} is not ${what}` });

/** A pinned image reference: one line, registry/repository:tag, never `latest`. */
export const ImageRef = Image.check(checkText);
/** A git branch, tag or commit (Tutor puts it in Dockerfile ARGs and URLs). */
export const GitRef = matching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/, "a git branch, tag or commit (letters, digits, '.', '_', '/', '-')");
/** An identifier Tutor writes unquoted into shell scripts (e.g. `--client-id {{ CMS_OAUTH2_KEY_SSO }}`). */
export const Token = matching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "an identifier (letters, digits, '.', '_', '-')");
/** An http(s) URL without quotes, spaces or braces (Dockerfile ARGs). */
export const PlainUrl = matching(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/%+-]*)?$/, "an http(s) URL (host and path only)");
/** A host name or address, single label allowed (`smtp`). */
export const HostOrAddress = matching(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/, "a host name or IP address");
/** Options Tutor appends unquoted to a shell command in a Dockerfile: words of safe characters. */
export const ShellWords = matching(/^[A-Za-z0-9=_.,:/ -]{0,500}$/, "command-line options (letters, digits, spaces and = _ . , : / -)");
/** A pip requirement, put inside single quotes in a Dockerfile. */
export const PipRequirement = matching(/^[A-Za-z0-9][A-Za-z0-9._\-[\],<>=!~ ;:/@+#%]{0,299}$/, "a pip requirement (e.g. \"my-xblock==1.2.3\" or a git+https URL)");
/** A CSS colour the theme's SCSS takes as is: #rgb, #rrggbb (with alpha) or a colour name. */
export const CssColor = matching(/^(#([0-9A-Fa-f]{3,4}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})|[a-z]{3,20})$/, "a CSS colour (e.g. \"#15376D\" or \"navy\")");
/** A link target: a path on the site, or an http(s) URL. */
export const LinkUrl = matching(/^((https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?)(\/[A-Za-z0-9._~/%?=&+#-]*)?|\/[A-Za-z0-9._~/%?=&+#-]*)$/, "a path (\"/about\") or an http(s) URL");
/** Free text shown to people (one line, no quotes, backslashes or Jinja). */
export const Text = (max: number) => TutorText.max(max);

export const Port = z.int().min(1).max(65535);
export const Workers = z.int().min(1).max(64);
