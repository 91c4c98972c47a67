// The report file of `--output`: checked (and its folders made) before the run, so a path that
// cannot be written is a usage error up front, not a crash after every case has run.
import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** A one-line reason from a Node fs error: its code (`EACCES`), else its message. */
function reason(error: unknown): string {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  return typeof code === "string" ? code : String(error);
}

/**
 * Makes `path` ready to be written: creates its missing parent folders.
 * @returns undefined when it is, else the one-line usage error naming `--output`: the path is a
 *   directory, sits under something that is not a folder, or cannot be written.
 */
export function prepareOutput(path: string): string | undefined {
  const target = resolve(path);
  let folder = dirname(target);
  // The nearest existing ancestor must be a folder; walking up ends at the root.
  while (!existsSync(folder)) folder = dirname(folder);
  if (!statSync(folder).isDirectory()) {
    return `--output '${path}': '${folder}' is a file, not a folder`;
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    return `--output '${path}' is a directory; name a file, e.g. ${join(path, "report.xml")}`;
  }
  try {
    mkdirSync(dirname(target), { recursive: true });
    accessSync(existsSync(target) ? target : dirname(target), constants.W_OK);
    return undefined;
  } catch (error) {
    return `--output '${path}' cannot be written (${reason(error)})`;
  }
}

/**
 * Writes the report. @returns undefined, or a one-line reason when it could not be written (the
 * file changed under the run: a folder put in its place, a full disk).
 */
export function writeReport(path: string, text: string): string | undefined {
  try {
    writeFileSync(path, text);
    return undefined;
  } catch (error) {
    return `could not write the report to '${path}' (${reason(error)})`;
  }
}
