// The platform, not Tutor, exposes a tenant: its per-host Ingress objects (render/tenant/ingress.ts) point at
// Caddy. Drops Tutor's own Namespace (owned by the tenant's base Application) and Ingress objects, turns
// NodePort/LoadBalancer Services into ClusterIP, and insists on the Caddy Service the Ingresses target.
import { CADDY_SERVICE } from "../model/names";
import type { KubeObject } from "../render/objects";
import { PostRenderError, type Step } from "./types";

const DROPPED_KINDS = new Set(["Namespace", "Ingress", "IngressRoute", "HTTPRoute", "Gateway"]);

interface ServiceSpec {
  type?: string;
  ports?: { port: number; nodePort?: number }[];
  externalTrafficPolicy?: string;
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  allocateLoadBalancerNodePorts?: boolean;
}

function clusterIpOnly(service: KubeObject): KubeObject {
  const spec = { ...(service.spec as ServiceSpec) };
  if (spec.type === undefined || spec.type === "ClusterIP") return service;
  delete spec.externalTrafficPolicy;
  delete spec.loadBalancerIP;
  delete spec.loadBalancerSourceRanges;
  delete spec.allocateLoadBalancerNodePorts;
  spec.type = "ClusterIP";
  spec.ports = spec.ports?.map(({ nodePort: _nodePort, ...port }) => port);
  return { ...service, spec };
}

export const internalOnly: Step = (objects) => {
  const kept = objects.filter((o) => !DROPPED_KINDS.has(o.kind)).map((o) => (o.kind === "Service" ? clusterIpOnly(o) : o));
  const caddy = kept.find((o) => o.kind === "Service" && o.metadata.name === CADDY_SERVICE.name);
  const ports = (caddy?.spec as ServiceSpec | undefined)?.ports ?? [];
  if (!ports.some((p) => p.port === CADDY_SERVICE.port)) {
    throw new PostRenderError([`no Service "${CADDY_SERVICE.name}" with port ${CADDY_SERVICE.port}: the tenant's Ingress objects route to it (is ENABLE_WEB_PROXY false?)`]);
  }
  return kept;
};
