// Pod Security admission for tenant namespaces: the level enforced, and what that level asks of a pod.
// Tutor 21's Open edX pods run as uid 1000 with allowPrivilegeEscalation false but set neither
// runAsNonRoot, seccompProfile nor dropped capabilities, and Caddy/MFE run as root on port 80/8002:
// stock they pass `baseline` only. compiler/postrender/pod-security.ts adds what `restricted` needs.

export type PodSecurityLevel = "restricted" | "baseline";
/** Pinned so a cluster upgrade that tightens the level never stops pods that ran the day before. */
export const POD_SECURITY_VERSION = "v1.31";

/** The unprivileged user of Tutor's openedx image (APP_USER_ID), used for pods that name no user. */
export const OPENEDX_UID = 1000;

/**
 * `restricted`, except `baseline` while a dedicated backing service runs in the namespace: the database pods
 * the operators build from their custom resources (mariadb-operator's MariaDB, Percona's replica set) set
 * no seccomp profile or dropped capabilities, and `restricted` would refuse them. (Valkey and Meilisearch
 * get restricted contexts from model/chart-security.ts.)
 */
export function podSecurityLevel(services: Record<string, string>): PodSecurityLevel {
  return Object.values(services).includes("dedicated") ? "baseline" : "restricted";
}

/** Enforced at the pinned version; audited and warned as `restricted` at `latest`, so any gap shows. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": level,
    "pod-security.kubernetes.io/enforce-version": POD_SECURITY_VERSION,
    "pod-security.kubernetes.io/audit": "restricted",
    "pod-security.kubernetes.io/audit-version": "latest",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/warn-version": "latest",
  };
}

export type Obj = Record<string, unknown>;
/** Reads of untyped pod specs: a non-object becomes {}, a non-array []. */
export const obj = (v: unknown): Obj => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
export const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

/** Where each workload kind keeps its pod spec. */
export const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ["spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};

export function podSpecOf(o: { kind: string }): Obj | undefined {
  const path = POD_SPEC_PATHS[o.kind];
  if (!path) return undefined;
  let cur: unknown = o;
  for (const key of path) cur = obj(cur)[key];
  return cur === undefined ? undefined : obj(cur);
}

/**
 * What the `restricted` level (Kubernetes 1.31) would refuse in a pod spec, one line per problem.
 * Covers the restricted-only controls; the baseline ones (host namespaces, hostPath, privileged)
 * are checked too because restricted includes them.
 */
export function restrictedViolations(spec: Obj): string[] {
  const out: string[] = [];
  const pod = obj(spec.securityContext);
  for (const k of ["hostNetwork", "hostPID", "hostIPC"]) if (spec[k] === true) out.push(`${k} is true`);
  for (const v of list(spec.volumes)) {
    const type = Object.keys(v).find((k) => k !== "name");
    if (type && !["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"].includes(type)) out.push(`volume ${String(v.name)} is of type ${type}`);
  }
  const podSeccomp = obj(pod.seccompProfile).type;
  for (const c of [...list(spec.initContainers), ...list(spec.containers)]) {
    const name = String(c.name);
    const sc = obj(c.securityContext);
    if (sc.privileged === true) out.push(`container ${name} is privileged`);
    if (sc.allowPrivilegeEscalation !== false) out.push(`container ${name} must set allowPrivilegeEscalation: false`);
    const caps = obj(sc.capabilities);
    if (!(Array.isArray(caps.drop) && caps.drop.includes("ALL"))) out.push(`container ${name} must drop ALL capabilities`);
    for (const cap of Array.isArray(caps.add) ? caps.add : []) if (cap !== "NET_BIND_SERVICE") out.push(`container ${name} adds capability ${String(cap)}`);
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) out.push(`container ${name} must run with runAsNonRoot: true`);
    if ((sc.runAsUser ?? pod.runAsUser) === 0) out.push(`container ${name} runs as uid 0`);
    const seccomp = obj(sc.seccompProfile).type ?? podSeccomp;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") out.push(`container ${name} needs seccompProfile RuntimeDefault or Localhost`);
  }
  return out;
}
