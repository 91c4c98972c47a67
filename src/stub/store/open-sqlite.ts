// `--data` only: better-sqlite3 is a native module, so it is loaded when a data file is asked for,
// and an install without it gets one line that says what to do, not a stack trace.
import type { FastifyInstance } from "fastify";
import type { SqliteStore } from "./sqlite.js";

/** What Node throws when `better-sqlite3` cannot be found (by message: loaders may drop `code`). */
function isMissingBetterSqlite(error: unknown): boolean {
  return (
    error instanceof Error && /^Cannot find (package|module) 'better-sqlite3'/.test(error.message)
  );
}

/**
 * Opens (creating if need be) the SQLite data file `file`. Throws `--data needs the
 * better-sqlite3 package …` when that package is not installed. `load` imports the store module
 * (tests replace it).
 */
export async function openSqliteStore(
  file: string,
  load: () => Promise<typeof import("./sqlite.js")> = () => import("./sqlite.js"),
): Promise<SqliteStore> {
  let module: typeof import("./sqlite.js");
  try {
    module = await load();
  } catch (error) {
    throw isMissingBetterSqlite(error)
      ? new Error("--data needs the better-sqlite3 package (npm install better-sqlite3@12)")
      : error;
  }
  return new module.SqliteStore(file);
}

/**
 * A SQLite error while serving (a full disk, an I/O error) is logged with the data file's path,
 * so the operator knows which file to look at; the client gets the usual Graph 500.
 */
export function logDataFileErrors(app: FastifyInstance, file: string): void {
  app.addHook("onError", async (request, _reply, error) => {
    const code = "code" in error ? error.code : undefined;
    if (typeof code === "string" && code.startsWith("SQLITE_")) {
      request.log.error({ dataFile: file, code }, `data file ${file}: ${error.message}`);
    }
  });
}
