// Post-render step for Tutor's output: any data-bearing object a Tutor plugin renders (a PVC, a Secret)
// gets KEEP_DATA, so archiving the tenant, which deletes its instance Application with cascade, keeps it.
// Pure: object in, object out.
import { isDataBearing } from "../model/data-bearing";
import { KEEP_DATA, SYNC_OPTIONS } from "../render/argocd";
import type { KubeObject } from "../render/objects";

export function keepData<T extends KubeObject>(object: T): T {
  if (!isDataBearing(object)) return object;
  const present = (object.metadata.annotations?.[SYNC_OPTIONS] ?? "").split(",").filter(Boolean);
  const options = [...present.filter((o) => !/^(Delete|Prune)=/.test(o)), ...KEEP_DATA.split(",")];
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [SYNC_OPTIONS]: options.join(",") } } };
}
