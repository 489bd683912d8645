// Problems with the output folders themselves (not with any input), as located diagnostics: the path that is in
// the way, and what to do about it. Folders have no lines: they are located at 1:1.
import { error, type Diagnostic } from "../diagnostics";

const at = (file: string) => ({ file, line: 1, col: 1 });
const codeOf = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

export const notAFolder = (file: string, forPath?: string): Diagnostic =>
  error("output-not-a-folder", at(file), `a file or link stands where ${forPath ? `the folder for ${forPath}` : "a folder"} must be`, {
    hint: `remove or move ${file} (the compiler writes only plain folders and files under generated/), then compile again`,
  });

export const isAFolder = (file: string): Diagnostic =>
  error("output-is-a-folder", at(file), "a folder stands where the compiler writes a file", { hint: `remove or move the folder ${file}, then compile again` });

export const notWritable = (file: string, e: unknown): Diagnostic =>
  error("output-not-writable", at(file), `cannot be written (${codeOf(e)})`, {
    hint: `make ${file} writable by the user who runs compile (owner, mode, \`chattr -i\`, or a read-write mount), then compile again`,
  });

export const unreadable = (file: string, code: string): Diagnostic =>
  error("output-unreadable", at(file), `cannot be read (${code})`, { hint: `make ${file} readable by the user who runs the command` });

export const stagingFailed = (file: string, e: unknown): Diagnostic =>
  error("output-staging", at(file), `the new files could not be staged (${codeOf(e)}${codeOf(e) === "ENOSPC" ? ": the disk is full" : ""})`, {
    hint: "free disk space or make .cache/ writable, then compile again; generated/ was not changed",
  });

export const otherFileSystem = (file: string): Diagnostic =>
  error("output-other-filesystem", at(file), "is on another file system than generated/, so staged files cannot be moved into place atomically", {
    hint: "make .cache/ a folder on the same file system as generated/ (not a link or a mount elsewhere)",
  });

export const partlyApplied = (file: string, e: unknown): Diagnostic =>
  error("output-partly-applied", at(file), `moving the staged files into generated/ failed here (${codeOf(e)})`, {
    hint: "fix the cause, then run compile again: it finishes or redoes this update (the staged files are kept in .cache/compile-staging/)",
  });

export const lockLost = (file: string): Diagnostic =>
  error("output-lock-lost", at(file), "another command took over the working tree's lock during this compile (it was presumed dead)", {
    hint: "run compile again when no other command runs",
  });
