// A tenant's dedicated backing services: upstream charts in the tenant's namespace, combined by a generated
// umbrella chart (generated/tenants/<id>/services/Chart.yaml) whose values are generated/tenants/<id>/values.yaml,
// deployed by the platform-side Application `<id>--services`, which never cascades: these hold data.
import { securityValues } from "../../../model/chart-security";
import { clusterSetup, deepMerge } from "../../../model/components";
import { dedicatedServices } from "../../../model/provisioning";
import type { ResolvedTenant } from "../../../model/resolve";
import { TENANT_SECRET, TENANT_SECRET_KEYS } from "../../../model/secrets";
import { PLATFORM_PROJECT } from "../../../model/names";
import { REDIS } from "../../../model/downstream-names";
import { IMAGES, type DataService } from "../../../model/data-services";
import type { Platform } from "../../../schema/platform";
import { application, repoSource, WAVES } from "../../argocd";
import { CHARTS, PSMDB_CR_VERSION } from "../../data/charts";
import { yamlFile, type OutputFile } from "../../files";
import { deepFreeze, tenantLabels, type KubeObject } from "../../objects";
import { meilisearchValues } from "../../platform/components/meilisearch";
import { VALKEY_STRATEGY, valkeyStorage } from "../../platform/components/redis";
import type { Chart } from "../../platform/component";
import { aclRules } from "./redis";
import { dedicatedMasterKeySecret } from "./search";

const CHART_OF: Record<DataService, Chart> = { mysql: CHARTS.mariadbCluster, mongodb: CHARTS.psmdbDb, redis: CHARTS.valkey, search: CHARTS.meilisearch };

type Values = (t: ResolvedTenant, platform: Platform) => Record<string, unknown>;
const VALUES: Record<DataService, Values> = {
  mysql: (t, p) => {
    const n = t.names;
    const sc = clusterSetup(p, t.cluster.name).storageClass;
    return {
      fullnameOverride: n.helmRelease("mysql"),
      mariadb: {
        rootPasswordSecretKeyRef: { name: `${n.helmRelease("mysql")}-root`, key: "password", generate: true },
        replicas: 1,
        galera: { enabled: false },
        storage: { size: "20Gi", ...(sc ? { storageClassName: sc } : {}) },
        myCnf: "[mariadb]\nbind-address=*\ncharacter-set-server=utf8mb4\ncollation-server=utf8mb4_unicode_ci\nmax_connections=500\n",
        resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" } },
      },
      // its database, user and grant are the tenant's own objects (render/tenant/data/mysql.ts): the chart
      // would name them after the SQL names, which hold '_' where Kubernetes names cannot
    };
  },
  mongodb: (t, p) => {
    const n = t.names;
    const sc = clusterSetup(p, t.cluster.name).storageClass;
    const [repository, tag] = IMAGES.psmdb.split(":") as [string, string];
    return {
      fullnameOverride: n.helmRelease("mongodb"),
      crVersion: PSMDB_CR_VERSION,
      image: { repository, tag },
      replsets: { rs0: { name: "rs0", size: 3, volumeSpec: { pvc: { ...(sc ? { storageClassName: sc } : {}), resources: { requests: { storage: "20Gi" } } } } } },
      sharding: { enabled: false },
      backup: { enabled: false },
      users: [
        {
          name: n.mongodbUser,
          db: n.mongodbDatabase,
          passwordSecretRef: { name: TENANT_SECRET, key: TENANT_SECRET_KEYS.mongodbPassword },
          roles: [{ name: "readWrite", db: n.mongodbDatabase }, { name: "dbAdmin", db: n.mongodbDatabase }],
        },
      ],
    };
  },
  redis: (t, p) => {
    const sc = clusterSetup(p, t.cluster.name).storageClass;
    return {
      fullnameOverride: t.names.helmRelease("redis"),
      auth: {
        enabled: true,
        usersExistingSecret: TENANT_SECRET,
        aclUsers: {
          // the chart requires a `default` user: it may only PING
          default: { permissions: "resetkeys resetchannels -@all +ping", passwordKey: TENANT_SECRET_KEYS.redisPassword },
          [t.names.redisUser]: { permissions: aclRules(REDIS.pattern("")), passwordKey: TENANT_SECRET_KEYS.redisPassword },
        },
      },
      dataStorage: valkeyStorage("5Gi", sc),
      deploymentStrategy: VALKEY_STRATEGY,
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
    };
  },
  search: (t, p) =>
    meilisearchValues({ platform: p, cluster: clusterSetup(p, t.cluster.name) }, { name: t.names.helmRelease("meilisearch"), masterKeySecret: dedicatedMasterKeySecret(t.id), host: `search.${t.hosts.lms}`, size: "10Gi" }),
};

export const servicesApplicationName = (id: string) => `${id}--services`;
const servicesDir = (id: string) => `tenants/${id}/services`;

/** The Application of the tenant's dedicated services, when it has any. */
export function dedicatedServicesApplication(t: ResolvedTenant, platform: Platform): KubeObject[] {
  if (dedicatedServices(t).length === 0) return [];
  return [
    application(platform, {
      name: servicesApplicationName(t.id),
      project: PLATFORM_PROJECT,
      labels: tenantLabels(t, platform.fleet),
      // after the namespace and the tenant's Secret, before the instance
      wave: WAVES.tenantBase + 1,
      destination: { server: t.cluster.spec.server, namespace: t.names.namespace },
      source: repoSource(platform, `generated/${servicesDir(t.id)}`, { helm: { releaseName: `${t.id}-services`, valueFiles: ["../values.yaml"] } }),
      cascadeDelete: false,
      syncOptions: ["ServerSideApply=true", "SkipDryRunOnMissingResource=true", "PruneLast=true"],
    }),
  ];
}

/** values.yaml (one section per service, by chart alias) and the umbrella Chart.yaml. */
// each chart's security values, the same for every tenant: a copy made once and frozen (deepMerge copies what it
// changes, so the rest is shared and written from kept text)
const security = new Map<string, Record<string, unknown>>();
function securityOf(chart: string): Record<string, unknown> {
  let values = security.get(chart);
  if (!values) security.set(chart, (values = deepFreeze(structuredClone(securityValues(chart)))));
  return values;
}

export function dedicatedServiceFiles(t: ResolvedTenant, platform: Platform): OutputFile[] {
  const services = dedicatedServices(t);
  if (services.length === 0) return [];
  // each chart's pod and container security contexts (model/chart-security.ts) under the service's own values
  const values = Object.fromEntries(services.map((s) => [s, deepMerge(securityOf(CHART_OF[s].chart), VALUES[s](t, platform))]));
  const chart = {
    apiVersion: "v2",
    name: `${t.id}-services`,
    description: `Dedicated backing services of Open edX tenant ${t.id}`,
    type: "application",
    version: "1.0.0",
    dependencies: services.map((s) => ({ name: CHART_OF[s].chart, alias: s, version: CHART_OF[s].version, repository: CHART_OF[s].repoURL })),
  };
  return [yamlFile(`tenants/${t.id}/values.yaml`, t.source.file, values, { plain: true }), yamlFile(`${servicesDir(t.id)}/Chart.yaml`, t.source.file, chart, { plain: true })];
}
