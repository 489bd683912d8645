// IRSA: the Open edX pods (lms, cms, their workers and every hook Job, which run the same image and settings)
// run as the tenant's storage ServiceAccount, whose IAM role opens its bucket. Caddy and the MFE never touch
// the bucket, so they keep the default account.
import { podSpecOf } from "../model/pod-security";
import type { Step } from "./types";

const OPENEDX_DEPLOYMENTS = new Set(["lms", "cms", "lms-worker", "cms-worker"]);

export const storageIdentity: Step = (objects, ctx) => {
  const account = ctx.serviceAccount;
  if (!account) return objects;
  return objects.map((o) => {
    const openedx = o.kind === "Job" || (o.kind === "Deployment" && OPENEDX_DEPLOYMENTS.has(o.metadata.name));
    if (!openedx || !podSpecOf(o)) return o;
    const copy = structuredClone(o);
    podSpecOf(copy)!.serviceAccountName = account;
    return copy;
  });
};
