// What a tenant or platform file's output depends on, as content hashes: its own text and the text of every
// platform/ module it imports, transitively. Used only to key the compile cache.
import { hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Every module specifier written after `from` or `import`. Over-matching (a string in a comment) only adds a
// dependency; a file that reads without errors has all its imports in this form.
const SPECIFIER = /\b(?:from|import)\s*["']([^"'\n]+)["']/g;

/** One hash of several texts, each followed by a NUL so that no two lists of parts hash alike. */
export const sha256 = (...parts: string[]) => hash("sha256", parts.map((p) => `${p}\0`).join(""), "hex");

/** Reads files and hashes their dependency closures, each file once per run. */
export class DependencyHasher {
  private readonly texts = new Map<string, string | null>();

  constructor(
    private readonly root: string,
    /** Only modules under this folder are followed (the reader refuses imports from anywhere else). */
    private readonly presetDir = path.join(root, "platform"),
    /** Files already read in this run (absolute path → bytes). */
    private readonly given?: ReadonlyMap<string, Buffer>,
  ) {}

  text(abs: string): string | null {
    if (!this.texts.has(abs)) {
      let t: string | null;
      try {
        t = this.given?.get(abs)?.toString("utf8") ?? fs.readFileSync(abs, "utf8");
      } catch {
        t = null;
      }
      this.texts.set(abs, t);
    }
    return this.texts.get(abs)!;
  }

  /** The platform/ modules `abs` imports, transitively, sorted (not including `abs` itself). */
  imports(abs: string, text: string | null = this.text(abs)): string[] {
    const seen = new Set<string>();
    const visit = (targets: string[]) => {
      for (const target of targets) {
        if (seen.has(target) || target === abs) continue;
        seen.add(target);
        visit(this.directOf(target)); // preset texts do not change within a run: their imports are memoised
      }
    };
    visit(this.direct(abs, text));
    return [...seen].sort();
  }

  private readonly directMemo = new Map<string, string[]>();
  private readonly resolved = new Map<string, string | null>();

  private directOf(preset: string): string[] {
    let list = this.directMemo.get(preset);
    if (!list) this.directMemo.set(preset, (list = this.direct(preset, this.text(preset))));
    return list;
  }

  /** The platform/ modules one file names in its imports. */
  private direct(file: string, source: string | null): string[] {
    const dir = path.dirname(file);
    const out: string[] = [];
    for (const m of (source ?? "").matchAll(SPECIFIER)) {
      const spec = m[1]!;
      if (!spec.startsWith(".")) continue;
      const memo = `${dir}\0${spec}`;
      let target = this.resolved.get(memo);
      if (target === undefined) {
        const abs = path.resolve(dir, spec).replace(/\.(js|ts)$/, "") + ".ts";
        this.resolved.set(memo, (target = abs.startsWith(this.presetDir + path.sep) ? abs : null));
      }
      if (target) out.push(target);
    }
    return out;
  }

  private rel(abs: string): string {
    const prefix = this.root + path.sep;
    return abs.startsWith(prefix) ? abs.slice(prefix.length) : path.relative(this.root, abs);
  }

  /** One hash of a file's text (given, or read) and of every module it imports. */
  digest(abs: string, text: string | null = this.text(abs)): string {
    const parts: string[] = [this.rel(abs), text ?? "(missing)"];
    for (const dep of this.imports(abs, text)) parts.push(this.rel(dep), this.text(dep) ?? "(missing)");
    return sha256(...parts);
  }
}
