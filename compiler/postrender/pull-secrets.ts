// Every pod the tenant runs names the platform's registry logins (copied into its namespace by its base
// Application), so private images pull whichever workload, plugin or hook runs them.
import { list, podSpecOf } from "../model/pod-security";
import type { Step } from "./types";

export const pullSecrets: Step = (objects, ctx) => {
  const names = ctx.imagePullSecrets ?? [];
  if (names.length === 0) return objects;
  return objects.map((o) => {
    if (!podSpecOf(o)) return o;
    const copy = structuredClone(o);
    const spec = podSpecOf(copy)!;
    const have = list(spec.imagePullSecrets).map((s) => (s as { name?: string }).name);
    spec.imagePullSecrets = [...list(spec.imagePullSecrets), ...names.filter((n) => !have.includes(n)).map((name) => ({ name }))];
    return copy;
  });
};
