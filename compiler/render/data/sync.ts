// Argo CD per-object sync options of the data objects: custom resources whose operator may not be installed
// yet skip the dry run (the sync retries until it is), and data-bearing ones are never deleted or pruned.
import { KEEP_DATA, SYNC_OPTIONS } from "../argocd";

const SKIP_DRY_RUN = "SkipDryRunOnMissingResource=true";

// two frozen objects shared by every data object (written, never changed), not a new one per object
const KEEPING = Object.freeze({ [SYNC_OPTIONS]: `${KEEP_DATA},${SKIP_DRY_RUN}` });
const NOT_KEEPING = Object.freeze({ [SYNC_OPTIONS]: SKIP_DRY_RUN });

export function customResourceAnnotations(opts: { keepData: boolean }): Readonly<Record<string, string>> {
  return opts.keepData ? KEEPING : NOT_KEEPING;
}
