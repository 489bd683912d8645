// What tenant and platform files import. Both functions only give editors the types: the compiler
// reads the files statically and never runs them.
import type { PlatformInput } from "./schema/platform";
import type { TenantInput } from "./schema/tenant";

export type { PlatformInput, TenantInput };

/** Declares one Open edX instance. The file must be `tenants/<id>.ts`. */
export function defineTenant<const T extends TenantInput>(tenant: T): T {
  return tenant;
}

/** Declares the shared platform: clusters, catalogs, presets and components. */
export function definePlatform<const T extends PlatformInput>(platform: T): T {
  return platform;
}
