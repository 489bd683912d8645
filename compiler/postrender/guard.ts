// A blank or truncated render synced with prune would delete a running tenant: refuse anything implausible.
import type { KubeObject } from "../render/objects";
import { PostRenderError } from "./types";

/** Tutor 21 renders about 20 objects for the smallest instance (ConfigMaps, Services, Deployments, Jobs). */
export const MIN_OBJECTS = 10;
const REQUIRED = [
  ["Deployment", "lms"],
  ["Deployment", "cms"],
  ["Service", "lms"],
  ["ConfigMap", "openedx-settings-lms"],
] as const;

/** Kustomize adds a hash to generated ConfigMap names: `openedx-settings-lms-c4542c8bk6`. */
const matches = (o: KubeObject, kind: string, name: string) => o.kind === kind && (o.metadata.name === name || o.metadata.name.startsWith(`${name}-`));

export function plausibleRender(objects: readonly KubeObject[]): void {
  const problems: string[] = [];
  if (objects.length < MIN_OBJECTS) problems.push(`only ${objects.length} object(s); an Open edX instance has at least ${MIN_OBJECTS}`);
  for (const [kind, name] of REQUIRED) if (!objects.some((o) => matches(o, kind, name))) problems.push(`no ${kind} "${name}"`);
  if (problems.length > 0) throw new PostRenderError(problems);
}
