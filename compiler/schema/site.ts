// Site settings of a tenant beyond Tutor's config: its comprehensive theme and the demo course. Both reach
// shell scripts and Python code in init hooks (postrender/site.ts), so only plain names pass.
import { z } from "zod";
import { checkText } from "./tutor-text";

/** Tutor's `settheme` value that removes every theme from the site's domains. */
export const DEFAULT_THEME = "default";

/** A theme's directory name, as `settheme` takes it: letters, digits, `_` and `-` (no quote, `$`, space or dot). */
export const ThemeName = z
  .string()
  .check(checkText)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    error: (i) => `${JSON.stringify(i.input)} is not a theme name (letters, digits, '_' and '-', e.g. "indigo")`,
  });

/** A branch or tag of the demo course repository (`git clone --branch`, as Tutor's `importdemocourse --version`). */
export const DemoCourseRef = z
  .string()
  .check(checkText)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, { error: (i) => `${JSON.stringify(i.input)} is not a git branch or tag (letters, digits, '.', '_', '/', '-')` })
  .refine((r) => !r.includes("..") && !r.endsWith("/") && !r.endsWith(".lock"), { error: "not a git ref: no '..', no trailing '/' or '.lock'" });

export const DemoCourse = z
  .union([z.boolean(), z.strictObject({ ref: DemoCourseRef.describe("Branch or tag of openedx/openedx-demo-course, e.g. `release/ulmo.3`.") })])
  .default(false)
  .describe(
    "Import Open edX's demo course once (an init hook, skipped when the course exists): `true` takes the release's tag (Tutor's OPENEDX_COMMON_VERSION), `{ ref }` pins another. Needs HTTPS egress to github.com (docs/operator/theme-and-demo-course.md).",
  );
