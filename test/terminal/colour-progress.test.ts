// Colour only for diagnostics and only on a terminal (NO_COLOR off, FORCE_COLOR on); progress only on a
// terminal, never into captured output.
import { PassThrough } from "node:stream";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { colourLine, colourWanted } from "../../compiler/terminal/colour";
import { NO_PROGRESS, terminalProgress } from "../../compiler/terminal/progress";
import { run, tempFleet, tenantSource } from "../helpers/fleet";

test("colour: on a TTY; NO_COLOR turns it off, FORCE_COLOR on (0 or false off); NO_COLOR wins", () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  assert.is(colourWanted(tty, {}), true);
  assert.is(colourWanted(pipe, {}), false);
  assert.is(colourWanted(tty, { NO_COLOR: "1" }), false);
  assert.is(colourWanted(pipe, { FORCE_COLOR: "1" }), true);
  assert.is(colourWanted(tty, { FORCE_COLOR: "0" }), false);
  assert.is(colourWanted(tty, { FORCE_COLOR: "false" }), false);
  assert.is(colourWanted(pipe, { FORCE_COLOR: "1", NO_COLOR: "1" }), false);
});

test("colour: a diagnostic's location bold, its severity red or yellow; other lines untouched", () => {
  assert.is(colourLine('tenants/a.ts:5:17 error hosts.lms: bad [schema]'), "\u001b[1mtenants/a.ts:5:17\u001b[22m \u001b[31merror\u001b[39m hosts.lms: bad [schema]");
  assert.is(colourLine("platform/platform.ts:7:10 warning repo.url: x"), "\u001b[1mplatform/platform.ts:7:10\u001b[22m \u001b[33mwarning\u001b[39m repo.url: x");
  for (const plain of ["    fix: did you mean \"small\"?", "compiled 3 tenant(s): 1 added", "1 error(s), 0 warning(s). Nothing was written."]) assert.is(colourLine(plain), plain);
});

test("progress: nothing on a stream that is not a terminal", async () => {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  let written = "";
  (stream as unknown as PassThrough).on("data", (c) => (written += String(c)));
  const p = await terminalProgress(stream)("working…");
  assert.is(p, NO_PROGRESS);
  p.update("more…");
  p.stop();
  assert.is(written, "");
});

test("progress and colour never reach captured output", async () => {
  const root = tempFleet({ tenants: { bad: tenantSource("bad").replace(`size: "small"`, `size: "smal"`) } });
  const saved = process.env.FORCE_COLOR;
  process.env.FORCE_COLOR = "1";
  try {
    const r = await run(root, "compile");
    assert.is(r.code, 1);
    assert.not.match(r.err + r.out, /\u001b\[/);
  } finally {
    if (saved === undefined) delete process.env.FORCE_COLOR;
    else process.env.FORCE_COLOR = saved;
  }
});

test.run();
