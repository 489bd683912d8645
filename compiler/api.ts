// What tenant and platform files import. Both functions only give editors the types: the compiler
// reads the files statically and never runs them.
import type { Catalog } from "../generated/catalog";
import type { PlatformInput } from "./schema/platform";
import type { TenantInput as SchemaTenantInput } from "./schema/tenant";

export type { PlatformInput };

type SizeObject = Extract<SchemaTenantInput["size"], object>;

/**
 * A tenant as defineTenant takes it: the schema's input with `release`, `size`, `plugins` and `cluster` narrowed to
 * the names of the platform's catalogs (generated/catalog.d.ts, written by `compile`), so editors complete
 * them and `npm run typecheck:tenants` refuses `release: "ulmoo"` (`satisfies TenantInput` too). The compiler
 * checks the same at compile, with its located errors.
 */
export type TenantInput = Omit<SchemaTenantInput, "release" | "size" | "plugins" | "cluster"> & {
  release: Catalog["release"];
  size: Catalog["size"] | (Omit<SizeObject, "preset"> & { preset: Catalog["size"] });
  plugins?: readonly Catalog["plugin"][];
  cluster?: Catalog["cluster"];
};

/** Declares one Open edX instance. The file must be `tenants/<id>.ts`. */
// Not generic on purpose: a plain parameter type makes editors flag misspelt (excess) properties.
export function defineTenant(tenant: TenantInput): TenantInput {
  return tenant;
}

/** Declares the shared platform: clusters, catalogs, presets and components. */
export function definePlatform(platform: PlatformInput): PlatformInput {
  return platform;
}
