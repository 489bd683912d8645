// Post-render step for Tutor's output: hardens every pod so it passes the `restricted` Pod Security
// level the tenant namespaces enforce (compiler/model/pod-security.ts). Pure: object in, object out.
import { list, obj, OPENEDX_UID, podSpecOf, type Obj } from "../model/pod-security";
import type { KubeObject } from "../render/objects";

/** Lets a non-root process bind ports below 1024 inside its own network namespace (a "safe" sysctl). */
const UNPRIVILEGED_PORTS = { name: "net.ipv4.ip_unprivileged_port_start", value: "0" };
/** Caddy (Tutor's router, and the base of the MFE image) writes its state to $XDG_DATA_HOME and $XDG_CONFIG_HOME. */
const CADDY_WRITABLE = [
  { volume: "caddy-data", mountPath: "/data" },
  { volume: "caddy-config", mountPath: "/config" },
];
const isCaddy = (c: Obj) => c.name === "caddy" || c.name === "mfe" || /(^|\/)caddy:|openedx-mfe/.test(String(c.image ?? ""));

/**
 * Returns `object` with its pod spec hardened, or unchanged when it has none:
 * - pod: runAsNonRoot, uid 1000 when no (or a root) user is set, seccomp RuntimeDefault;
 * - every container: no privilege escalation, ALL capabilities dropped (NET_BIND_SERVICE may stay);
 * - a container listening below 1024 (Tutor's Caddy on 80) gets the unprivileged-ports sysctl instead of root;
 * - Caddy-based containers get emptyDir volumes for the directories they write, since they no longer run as root.
 */
export function hardenPodSecurity<T extends KubeObject>(object: T): T {
  if (!podSpecOf(object)) return object;
  const copy = structuredClone(object);
  hardenPodSpec(podSpecOf(copy)!);
  return copy;
}

function hardenPodSpec(spec: Obj): void {
  const pod = (spec.securityContext = obj(spec.securityContext));
  pod.runAsNonRoot = true;
  if (pod.runAsUser === undefined || pod.runAsUser === 0) {
    pod.runAsUser = OPENEDX_UID;
    if (pod.runAsGroup === undefined || pod.runAsGroup === 0) pod.runAsGroup = OPENEDX_UID;
  }
  const seccomp = obj(pod.seccompProfile).type;
  if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") pod.seccompProfile = { type: "RuntimeDefault" };

  // list() keeps the objects themselves, so hardening them changes the copy in place
  const containers = [...list(spec.initContainers), ...list(spec.containers)];
  for (const c of containers) hardenContainer(c);

  const lowPort = containers.some((c) => list(c.ports).some((p) => typeof p.containerPort === "number" && p.containerPort < 1024));
  const sysctls = list(pod.sysctls);
  if (lowPort && !sysctls.some((s) => s.name === UNPRIVILEGED_PORTS.name)) pod.sysctls = [...sysctls, { ...UNPRIVILEGED_PORTS }];

  const caddies = list(spec.containers).filter(isCaddy);
  if (caddies.length > 0) {
    const volumes = list(spec.volumes);
    for (const w of CADDY_WRITABLE) {
      const mounted = caddies.filter((c) => !list(c.volumeMounts).some((m) => m.mountPath === w.mountPath || m.mountPath === `${w.mountPath}/`));
      if (mounted.length === 0) continue;
      if (!volumes.some((v) => v.name === w.volume)) volumes.push({ name: w.volume, emptyDir: {} });
      for (const c of mounted) c.volumeMounts = [...list(c.volumeMounts), { name: w.volume, mountPath: w.mountPath }];
    }
    spec.volumes = volumes;
  }
}

function hardenContainer(c: Obj): void {
  const sc = (c.securityContext = obj(c.securityContext));
  sc.allowPrivilegeEscalation = false;
  if (sc.privileged === true) sc.privileged = false;
  if (sc.runAsUser === 0) delete sc.runAsUser; // the pod's non-root user applies
  if (sc.runAsNonRoot === false) sc.runAsNonRoot = true;
  const caps = obj(sc.capabilities);
  const add = (Array.isArray(caps.add) ? caps.add : []).filter((cap) => cap === "NET_BIND_SERVICE");
  sc.capabilities = { ...(add.length > 0 ? { add } : {}), drop: ["ALL"] };
  const seccomp = obj(sc.seccompProfile).type;
  if (seccomp !== undefined && seccomp !== "RuntimeDefault" && seccomp !== "Localhost") sc.seccompProfile = { type: "RuntimeDefault" };
}
