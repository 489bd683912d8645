// `npm run render -- <tenant>` (or `--dir DIR`, as the Argo CD plugin runs it): Tutor + kustomize + post-render,
// printed to stdout. `postrender` runs only the last step on kustomize output already at hand.
import fs from "node:fs";
import path from "node:path";
import { RenderError, readRenderContext, renderTenantDir } from "../pipeline/render";
import { findTools } from "../pipeline/tools";
import { PostRenderError, postRenderYaml, type InitTask } from "../postrender/index";
import type { Command, CommandContext } from "./index";

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function tenantDir(ctx: CommandContext): string | undefined {
  const dir = option(ctx.args, "--dir");
  if (dir) return path.resolve(dir);
  const id = ctx.args.find((a, i) => !a.startsWith("--") && !ctx.args[i - 1]?.startsWith("--"));
  return id ? path.join(ctx.root, "generated", "tenants", id) : undefined;
}

async function guarded(ctx: CommandContext, body: () => string): Promise<number> {
  try {
    ctx.io.out(body().replace(/\n$/, ""));
    return 0;
  } catch (e) {
    if (!(e instanceof PostRenderError || e instanceof RenderError)) throw e;
    ctx.io.err(e.message);
    return 1;
  }
}

/** The plugin passes the tenant id too: a mismatch means the Application points at another tenant's folder. */
function checkTenant(ctx: CommandContext, dir: string): void {
  const expected = option(ctx.args, "--tenant");
  const actual = readRenderContext(dir).tenant;
  if (expected && expected !== actual) throw new RenderError(`${dir} holds tenant "${actual}", not "${expected}"`);
}

export const renderCommand: Command = {
  describe: "render one tenant's Open edX manifests with Tutor (needs tutor and kustomize or kubectl on PATH)",
  // the Argo CD plugin renders its own copy (--dir); a tenant of this tree is read under its lock
  lock: (args) => (args.includes("--dir") ? undefined : "read"),
  async run(ctx) {
    const dir = tenantDir(ctx);
    if (!dir) {
      ctx.io.err("usage: npm run render -- <tenant> | --dir generated/tenants/<tenant> [--tenant <id>]");
      return 2;
    }
    const { tools, missing } = findTools();
    if (!tools) {
      ctx.io.err(`cannot render: ${missing.join("; ")}.`);
      return 1;
    }
    return guarded(ctx, () => {
      checkTenant(ctx, dir);
      return renderTenantDir(dir, tools);
    });
  },
};

export const postrenderCommand: Command = {
  describe: "post-render kustomize output of Tutor: --dir <tenant folder> --manifests FILE --tasks init-tasks.json",
  async run(ctx) {
    const dir = tenantDir(ctx);
    const manifests = option(ctx.args, "--manifests");
    const tasks = option(ctx.args, "--tasks");
    if (!dir || !manifests || !tasks) {
      ctx.io.err("usage: postrender --dir generated/tenants/<tenant> --manifests FILE|- --tasks init-tasks.json");
      return 2;
    }
    return guarded(ctx, () => {
      const text = fs.readFileSync(manifests === "-" ? 0 : manifests, "utf8");
      return postRenderYaml(text, JSON.parse(fs.readFileSync(tasks, "utf8")) as InitTask[], readRenderContext(dir));
    });
  },
};
