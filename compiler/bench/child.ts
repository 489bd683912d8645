// Runs one CLI command in a child process for the benchmark and reports, as one JSON line on stdout, the
// time spent loading the compiler, the time the command took, its exit code and the process's peak RSS.
export {};

const started = performance.now();
const { main } = await import("../cli");
const loaded = performance.now();
const errors: string[] = [];
const code = await main(process.argv.slice(2), { out: () => {}, err: (l) => void (errors.length < 20 && errors.push(l)) });
const done = performance.now();
process.stdout.write(
  JSON.stringify({ code, loadMs: loaded - started, commandMs: done - loaded, maxRssKb: process.resourceUsage().maxRSS, errors: code === 0 ? [] : errors }) + "\n",
);
