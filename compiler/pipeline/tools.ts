// Finds what the render pipeline runs: Tutor (and the Python it runs with) and kustomize.
import fs from "node:fs";
import path from "node:path";

export interface Tools {
  /** The interpreter of the `tutor` on PATH: our wrapper imports Tutor with it. */
  python: string;
  /** `kustomize build` or `kubectl kustomize`. */
  kustomize: string[];
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The interpreter named by a script's `#!` line (`#!/usr/bin/env python3` resolves on PATH). */
function interpreterOf(script: string, env: NodeJS.ProcessEnv): string | undefined {
  const first = fs.readFileSync(script).subarray(0, 256).toString("utf8").split("\n")[0] ?? "";
  if (!first.startsWith("#!")) return undefined;
  const [cmd, arg] = first.slice(2).trim().split(/\s+/);
  if (cmd && path.basename(cmd) === "env" && arg) return onPath(arg, env);
  return cmd;
}

export function findTools(env: NodeJS.ProcessEnv = process.env): { tools?: Tools; missing: string[] } {
  const missing: string[] = [];
  const tutor = onPath("tutor", env);
  const python = tutor ? interpreterOf(tutor, env) : undefined;
  if (!tutor) missing.push("`tutor` is not on PATH: install Tutor 21.0.8 and the catalog's plugins (see argocd/Dockerfile for the exact pins)");
  else if (!python) missing.push(`${tutor} is not a Python script with a #! line; the render needs the Python that runs Tutor`);
  const kustomizeBin = onPath("kustomize", env);
  const kubectl = onPath("kubectl", env);
  const kustomize = kustomizeBin ? [kustomizeBin, "build"] : kubectl ? [kubectl, "kustomize"] : undefined;
  if (!kustomize) missing.push("neither `kustomize` nor `kubectl` (for `kubectl kustomize`) is on PATH");
  return missing.length === 0 ? { tools: { python: python!, kustomize: kustomize! }, missing } : { missing };
}
