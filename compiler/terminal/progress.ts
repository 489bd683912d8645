// Progress of long runs (a compile of many tenants, validate, diff) on stderr, only on a terminal: a
// spinner with what is being done, from yocto-spinner (one dependency, 14 ms to import, imported only
// when stderr is a TTY; it also stays quiet under CI). Its line is cleared before anything else is
// printed, so diagnostics and results are never mixed with it.

export interface Progress {
  /** Says what is being done now. */
  update(text: string): void;
  /** Clears the line. */
  stop(): void;
}

export const NO_PROGRESS: Progress = { update() {}, stop() {} };

export type ProgressFactory = (text: string) => Promise<Progress>;

/** A progress line on `stream` when it is a terminal, else nothing. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressFactory {
  return async (text) => {
    if (!stream.isTTY) return NO_PROGRESS;
    const { default: spinner } = await import("yocto-spinner");
    const s = spinner({ text, stream }).start();
    return { update: (t) => void (s.text = t), stop: () => void s.stop() };
  };
}

export const noProgress: ProgressFactory = async () => NO_PROGRESS;

/** Runs `work` with a progress line saying `text` (on a terminal), cleared when it ends, however it ends. */
export async function during<T>(factory: ProgressFactory | undefined, text: string, work: (p: Progress) => T | Promise<T>): Promise<T> {
  const p = await (factory ?? noProgress)(text);
  try {
    return await work(p);
  } finally {
    p.stop();
  }
}
