// Argo CD per-object sync options of the data objects: custom resources whose operator may not be installed
// yet skip the dry run (the sync retries until it is), and data-bearing ones are never deleted or pruned.
import { KEEP_DATA, SYNC_OPTIONS } from "../argocd";

const SKIP_DRY_RUN = "SkipDryRunOnMissingResource=true";

export function customResourceAnnotations(opts: { keepData: boolean }): Record<string, string> {
  return { [SYNC_OPTIONS]: opts.keepData ? `${KEEP_DATA},${SKIP_DRY_RUN}` : SKIP_DRY_RUN };
}
