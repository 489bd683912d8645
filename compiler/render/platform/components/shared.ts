// Small pieces several component modules share: high-availability settings and sync waves inside one Application.
import { SYNC_WAVE } from "../../argocd";
import type { KubeObject } from "../../objects";
import type { ComponentContext } from "../component";

/** Replica count from the provider profile, and a PodDisruptionBudget only where a second replica exists. */
export function ha(ctx: ComponentContext): { replicas: number; pdb: { enabled: boolean; minAvailable?: number } } {
  const replicas = ctx.cluster.profile.replicas;
  // a PDB of minAvailable 1 over a single replica would block every node drain
  return { replicas, pdb: replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false } };
}

/**
 * Objects of a component that use CRDs or webhooks of its own chart: a later wave inside the Application,
 * so Argo CD applies them once the chart's controllers are healthy.
 */
export const AFTER_CHART = { [SYNC_WAVE]: "1" } as const;
/** Objects the chart's pods need at start (e.g. a generated admin Secret): an earlier wave. */
export const BEFORE_CHART = { [SYNC_WAVE]: "-1" } as const;

/** An object with BEFORE_CHART added to its annotations. */
export const earlier = <T extends KubeObject>(o: T): T => ({ ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, ...BEFORE_CHART } } });

/** A volume claim template on the profile's (or cluster's) storage class; the cluster default when none. */
export function claimSpec(ctx: ComponentContext, size: string): Record<string, unknown> {
  return {
    accessModes: ["ReadWriteOnce"],
    resources: { requests: { storage: size } },
    ...(ctx.cluster.storageClass ? { storageClassName: ctx.cluster.storageClass } : {}),
  };
}
