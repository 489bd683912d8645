// Backing services that answer outside the cluster are reachable only through the cluster's declared
// egress: warn when a tenant uses one on a port no `egress.services` entry opens (its pods would time out).
import { warning, type Diagnostic } from "../diagnostics";
import type { Endpoints } from "../model/endpoints";
import { endpointsOf } from "../model/endpoints";
import type { Cluster } from "../schema/platform";
import type { FleetRule } from "./output-rules";

/** Services of `endpoints` outside the cluster whose port no declared egress entry opens: name → port. */
export function unreachableServices(endpoints: Endpoints, egress: Cluster["egress"]): Map<string, number> {
  const gaps = new Map<string, number>();
  for (const [service, e] of Object.entries(endpoints)) {
    if (e.namespace === undefined && !egress.services.some((p) => p.ports.includes(e.port))) gaps.set(service, e.port);
  }
  return gaps;
}

export const externalServicesReachable: FleetRule = ({ platform, tenants }) => {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const tenant of tenants) {
    for (const [service, port] of unreachableServices(endpointsOf(tenant), tenant.cluster.spec.egress)) {
      const key = `${tenant.cluster.name}/${service}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const cluster = tenant.cluster.name;
      out.push(
        warning("egress-missing", platform.locator.value(["clusters", cluster, "egress"]), `${service} of tenant "${tenant.id}" (and any other on cluster ${cluster}) answers outside the cluster on port ${port}, and no egress.services entry opens it: its pods cannot reach it`, {
          path: `clusters.${cluster}.egress.services`,
          hint: `add { cidr: "<its address range>", ports: [${port}] } to clusters.${cluster}.egress.services`,
        }),
      );
    }
  }
  return out;
};
