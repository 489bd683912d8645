/** The hash of every file under `<codeRoot>/compiler/` and of `<codeRoot>/package-lock.json`. */
export function sourcesHash(codeRoot: string): string;
