// Every command README.md shows in a ```console block runs, in order, on a copy of the fixture fleet and
// prints the lines shown (`…` stands for any text; a line of `…` alone for any lines). Hidden
// `<!-- readme-test: edit FILE FROM => TO -->` comments make the edits the prose describes, and
// `<!-- readme-test: run compile -->` compiles quietly, so the blocks follow one another as a reader would.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO_ROOT, run, tempFleet } from "../helpers/fleet";

interface Step {
  kind: "command" | "edit" | "compile";
  line: number;
  args?: string[];
  expect?: string[];
  edit?: { file: string; from: string; to: string };
}

/** Words of a shown command line: spaces separate, double quotes group. */
const words = (text: string) => [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

function steps(readme: string): Step[] {
  const lines = readme.split("\n");
  const out: Step[] = [];
  let inConsole = false;
  lines.forEach((l, i) => {
    const marker = /^<!-- readme-test: (.*) -->$/.exec(l);
    if (marker) {
      const edit = /^edit (\S+) (.+?) => (.+)$/.exec(marker[1]!);
      if (edit) out.push({ kind: "edit", line: i + 1, edit: { file: edit[1]!, from: edit[2]!.replaceAll("\\n", "\n"), to: edit[3]!.replaceAll("\\n", "\n") } });
      else if (marker[1] === "run compile") out.push({ kind: "compile", line: i + 1 });
      return;
    }
    if (l === "```console") return void (inConsole = true);
    if (inConsole && l === "```") return void (inConsole = false);
    if (!inConsole) return;
    const command = /^\$ npm run (\S+)(?: -- (.*))?$/.exec(l);
    if (command) out.push({ kind: "command", line: i + 1, args: [command[1]!, ...words(command[2] ?? "")], expect: [] });
    else if (l.startsWith("$ ")) throw new Error(`README.md:${i + 1}: only \`npm run\` commands can be shown in a console block: ${l}`);
    else out[out.length - 1]!.expect!.push(l);
  });
  return out;
}

const pattern = (shown: string) => new RegExp(`^${shown.split("…").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);

/** The shown lines in order among the printed ones, the first anywhere; a `…` line lets any lines pass. */
function follows(printed: string[], shown: string[]): string | undefined {
  let at = 0;
  let gap = true;
  for (const s of shown) {
    if (s === "…") {
      gap = true;
      continue;
    }
    const re = pattern(s);
    const found = printed.findIndex((p, i) => i >= at && re.test(p));
    if (found < 0 || (!gap && found !== at)) return `expected ${JSON.stringify(s)} ${gap ? "after" : "at"} line ${at + 1} of:\n${printed.join("\n")}`;
    at = found + 1;
    gap = false;
  }
  return undefined;
}

test("README: every command shown prints what the README shows", async () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const all = steps(readme);
  assert.ok(all.filter((s) => s.kind === "command").length >= 8, "the README shows its commands");
  const root = tempFleet();
  const saved = { schemas: process.env.FLEET_SCHEMAS, path: process.env.PATH };
  // a fresh clone: no schema folder, no kubeconform
  delete process.env.FLEET_SCHEMAS;
  try {
    for (const s of all) {
      if (s.kind === "edit") {
        const file = path.join(root, s.edit!.file);
        const text = fs.readFileSync(file, "utf8");
        assert.ok(text.includes(s.edit!.from), `README.md:${s.line}: ${s.edit!.file} does not contain ${s.edit!.from}`);
        fs.writeFileSync(file, text.replace(s.edit!.from, s.edit!.to));
      } else if (s.kind === "compile") {
        assert.is((await run(root, "compile")).code, 0, `README.md:${s.line}`);
      } else {
        if (s.args![0] === "validate") process.env.PATH = "";
        const r = await run(root, s.args![0]!, ...s.args!.slice(1));
        process.env.PATH = saved.path;
        const printed = [...r.err.split("\n"), ...r.out.split("\n")].map((l) => l.trimEnd()).filter(Boolean);
        const problem = follows(printed, s.expect!);
        assert.not.ok(problem, `README.md:${s.line} \`npm run ${s.args!.join(" ")}\`: ${problem}`);
      }
    }
  } finally {
    if (saved.schemas !== undefined) process.env.FLEET_SCHEMAS = saved.schemas;
    process.env.PATH = saved.path;
  }
});

test("README: it starts with the two commands, and links only to files that exist", () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  assert.ok(readme.includes("```sh\nnpm ci && npm run compile   # install, then compile platform/ and tenants/ into generated/\nnpm ci && npm test          # install, then run the tests\n```"));
  assert.ok(readme.indexOf("npm ci && npm run compile") < readme.indexOf("\n## "), "the commands come first");
  for (const doc of ["README.md", "docs/internals.md", "docs/reference.md", "docs/benchmarks.md"]) {
    const text = fs.readFileSync(path.join(REPO_ROOT, doc), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^https?:/.test(target!)) continue;
      assert.ok(fs.existsSync(path.join(REPO_ROOT, path.dirname(doc), target!)), `${doc} links to ${target}`);
    }
  }
});

test.run();
