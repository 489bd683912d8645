// The command-line layer: every command answers --help, refuses unknown options with a suggestion, and uses
// the documented exit codes (0 ok, 1 user error, 2 bug).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { COMMANDS } from "../../compiler/commands/index";
import { run, tempFleet } from "../helpers/fleet";

const root = tempFleet();

for (const [name, command] of Object.entries(COMMANDS)) {
  test(`${name} --help prints its usage, every option and the exit codes`, async () => {
    const r = await run(root, name, "--help");
    assert.is(r.code, 0, r.err);
    assert.match(r.out, `usage: npm run ${name} --`);
    for (const option of Object.keys(command.args.options ?? {})) assert.match(r.out, `--${option}`);
    assert.match(r.out, "exit codes: 0 success; 1 ");
  });

  test(`${name} refuses an unknown option with exit 1`, async () => {
    const r = await run(root, name, "--definitely-not-an-option");
    assert.is(r.code, 1, r.err);
    assert.match(r.err, `${name}: unknown option --definitely-not-an-option`);
    assert.match(r.err, `more: npm run ${name} -- --help`);
  });
}

test("a misspelt option is refused with the option meant, and changes nothing", async () => {
  const r = await run(root, "check", "--bse", "origin/main");
  assert.is(r.code, 1);
  assert.match(r.err, "unknown option --bse; did you mean --base?");
});

test("an option without its value, or given twice, is refused", async () => {
  assert.match((await run(root, "check", "--base")).err, "--base needs a value");
  assert.match((await run(root, "diff", "--base", "a", "--base", "b")).err, "--base is given twice");
  assert.match((await run(root, "diff")).err, "--base <ref> is required");
});

test("unknown and misspelt commands exit 1; no command lists them all", async () => {
  const wrong = await run(root, "compil" as string);
  assert.is(wrong.code, 1);
  assert.match(wrong.err, 'unknown command "compil"; did you mean compile?');
  assert.is((await run(root, "toString")).code, 1);
  const { main } = await import("../../compiler/cli");
  const out: string[] = [];
  assert.is(await main([], { out: (l) => out.push(l), err: () => {} }), 0);
  for (const name of Object.keys(COMMANDS)) assert.match(out.join("\n"), name);
});

test("fleet:upgrade asks for a wave or --all-waves", async () => {
  const r = await run(root, "fleet:upgrade", "--release", "ulmo");
  assert.is(r.code, 1);
  assert.match(r.err, "--wave <n>");
});

test.run();
