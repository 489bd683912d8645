// Checks of the data components' settings on one cluster (see component-rules.ts for the others).
import { error } from "../diagnostics";
import type { ComponentRule } from "./component-rules";
import { located } from "./component-rules";

const DATA = ["mysql", "mongodb", "redis", "search"] as const;

/**
 * Every data component carries External Secrets objects: generated admin passwords, copies of tenants'
 * passwords, search keys. Without the operator their Applications could never sync.
 */
const dataNeedExternalSecrets: ComponentRule = (p, cluster) => {
  const c = cluster.components;
  if (c.externalSecrets.enabled) return [];
  const on = DATA.filter((d) => c[d].enabled);
  if (on.length === 0) return [];
  const { at, path } = located(p, cluster, "externalSecrets");
  return [
    error("data-external-secrets", at, `${on.join(", ")} on cluster "${cluster.name}" need External Secrets, which is off: their passwords and keys are made by it`, {
      path,
      hint: `turn externalSecrets back on, or turn ${on.map((d) => `\`${d}\``).join(", ")} off`,
    }),
  ];
};

export const DATA_RULES: readonly ComponentRule[] = [dataNeedExternalSecrets];
