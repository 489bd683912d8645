// What tenant and platform files import. Both functions only give editors the types: the compiler
// reads the files statically and never runs them.
import type { PlatformInput } from "./schema/platform";
import type { TenantInput } from "./schema/tenant";

export type { PlatformInput, TenantInput };

/** Declares one Open edX instance. The file must be `tenants/<id>.ts`. */
// Not generic on purpose: a plain parameter type makes editors flag misspelt (excess) properties.
export function defineTenant(tenant: TenantInput): TenantInput {
  return tenant;
}

/** Declares the shared platform: clusters, catalogs, presets and components. */
export function definePlatform(platform: PlatformInput): PlatformInput {
  return platform;
}
