// Colour on a terminal, for diagnostics only: the severity red (error) or yellow (warning) and the
// file:line:col bold. Off when the stream is not a TTY or NO_COLOR is set; FORCE_COLOR turns it on (or off
// with 0/false), as most tools read them. Pipes, files, CI logs and PR comments stay plain text.
import util from "node:util";

type Style = Parameters<typeof util.styleText>[0];

export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  // styleText came with Node 20.12; an older Node prints plain text
  if (typeof util.styleText !== "function") return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "") return !/^(0|false)$/i.test(env.FORCE_COLOR);
  return stream.isTTY === true;
}

// `tenants/acme.ts:5:17 error …` and `generated/x.yaml [doc 0] …` (formatDiagnostic, formatProblem)
const DIAGNOSTIC = /^(\S+:\d+:\d+) (error|warning)(?= )/;
const SEVERITY: Record<string, Style> = { error: "red", warning: "yellow" };
// whether to colour is decided above, for stderr; newer Nodes' styleText would judge by stdout instead
const style = (format: Style, text: string) => (util.styleText as (f: Style, t: string, o: { validateStream: boolean }) => string)(format, text, { validateStream: false });

/** One printed line with its location bold and its severity coloured; any other line as it is. */
export function colourLine(line: string): string {
  return line
    .split("\n")
    .map((l) => {
      const m = DIAGNOSTIC.exec(l);
      if (!m) return l;
      return `${style("bold", m[1]!)} ${style(SEVERITY[m[2]!]!, m[2]!)}${l.slice(m[0].length)}`;
    })
    .join("\n");
}
