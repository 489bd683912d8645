// The tenant's data provisioning, one renderer per concern (TENANT_RESOURCES entries).
import type { KubeObject } from "../../objects";
import type { ResolvedTenant } from "../../../model/resolve";
import type { Platform } from "../../../schema/platform";
import { tenantSecretAccess } from "./access";
import { mongodbProvisioning } from "./mongodb";
import { mysqlProvisioning } from "./mysql";
import { redisProvisioning } from "./redis";
import { searchProvisioning } from "./search";
import { storageProvisioning } from "./storage";

export const DATA_RESOURCES: Record<string, (t: ResolvedTenant, platform: Platform) => KubeObject[]> = {
  "data-access": tenantSecretAccess,
  mysql: mysqlProvisioning,
  mongodb: mongodbProvisioning,
  redis: redisProvisioning,
  search: searchProvisioning,
  storage: storageProvisioning,
};
