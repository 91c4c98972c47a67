// The durable store (`--data FILE`): the same semantics as MemoryStore, in one SQLite file.
//
// Entities are stored as JSON text; the columns beside them are only what keys, order and the
// priority rule need. `seq` (the rowid) gives creation order: a new rowid is always above every
// existing one, and an update in place keeps it, as a Map keeps a replaced key's position.
//
// Durability: WAL with `synchronous = FULL` fsyncs the log before each commit returns, and every
// store call is a single synchronous commit that ends before the handler replies. So a write the
// client saw acknowledged survives kill -9 and power loss alike. (NORMAL would survive kill -9
// too, since the log is already in the OS's cache; it can lose the last commits on power loss.)
import Database from "better-sqlite3";
import type {
  StoredAssignment,
  StoredConfiguration,
  StoredOfficeConfiguration,
} from "../entities.js";
import { emptyOfficeConfiguration } from "../entities.js";
import type { Fixtures } from "../fixtures.js";
import {
  type Conflict,
  type NotFound,
  type PriorityTaken,
  type Result,
  repeatedId,
  type Store,
} from "./store.js";

/** Bumped when the tables change; a file from a newer layout is refused, not misread. */
const schemaVersion = 1;

/** Rows fetched per step of a lazy list: a default page (100, plus one to see if it is cut) fits one. */
const batchSize = 128;

const schema = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE configurations (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    priority INTEGER NOT NULL UNIQUE,
    body TEXT NOT NULL
  ) STRICT;
  CREATE TABLE assignments (
    seq INTEGER PRIMARY KEY,
    configuration_id TEXT NOT NULL REFERENCES configurations (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (configuration_id, id)
  ) STRICT;
  CREATE INDEX assignments_in_order ON assignments (configuration_id, seq);
`;

type Row = { seq: number; body: string };

export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #statements;
  readonly #transactions;

  /**
   * Opens (or creates) the database file for this process alone, after checking that it is
   * whole (SQLite's `quick_check`) and writable, so a file that would answer 500s never starts.
   * @throws Error whose one-line message names `file`: not a database, damaged, read-only, in
   * use by another process, or from a newer layout.
   */
  constructor(file: string) {
    let db: Database.Database | undefined;
    try {
      // No busy wait: a file another stub holds is refused at once, not after a timeout.
      db = new Database(file, { timeout: 0 });
      // The lock is held from the first write until close (and dies with the process, even on
      // kill -9): a second stub on the file fails below instead of sharing it. Set before WAL, so
      // no shared-memory file is used either.
      db.pragma("locking_mode = EXCLUSIVE");
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = FULL");
      db.pragma("foreign_keys = ON");
      checkIntegrity(db);
      const version = db.pragma("user_version", { simple: true }) as number;
      if (version !== 0 && version !== schemaVersion) {
        throw new Error(`store layout ${version}, this version reads ${schemaVersion}`);
      }
      // A write at start, in a transaction that takes the write lock: it proves the file (and
      // its directory, for the WAL) writable, and from here on the file is this process's.
      db.transaction(() => {
        if (version === 0) {
          db?.exec(schema);
          db?.pragma(`user_version = ${schemaVersion}`);
        }
        db?.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('opened', ?)").run(
          new Date().toISOString(),
        );
      }).immediate();
    } catch (error) {
      db?.close();
      throw fileError(file, error);
    }
    this.#db = db;
    this.#statements = this.#prepare();
    this.#transactions = this.#prepareTransactions();
  }

  #prepare() {
    const db = this.#db;
    return {
      getMeta: db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?"),
      setMeta: db.prepare<[string, string]>(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
      deleteMeta: db.prepare<[string]>("DELETE FROM meta WHERE key = ?"),
      configurationsAfter: db.prepare<[number, number], Row>(
        "SELECT seq, body FROM configurations WHERE seq > ? ORDER BY seq LIMIT ?",
      ),
      countConfigurations: db.prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM configurations",
      ),
      getConfiguration: db.prepare<[string], { body: string }>(
        "SELECT body FROM configurations WHERE id = ?",
      ),
      priorityOwner: db.prepare<[number], { id: string }>(
        "SELECT id FROM configurations WHERE priority = ?",
      ),
      insertConfiguration: db.prepare<[string, number, string]>(
        "INSERT INTO configurations (id, priority, body) VALUES (?, ?, ?)",
      ),
      updateConfiguration: db.prepare<[number, string, string]>(
        "UPDATE configurations SET priority = ?, body = ? WHERE id = ?",
      ),
      setPriority: db.prepare<[{ priority: number; id: string }]>(
        "UPDATE configurations SET priority = @priority, body = json_set(body, '$.priority', @priority) WHERE id = @id",
      ),
      parkPriority: db.prepare<[string]>(
        // Out of int32 range, so never a real priority: frees the slot while priorities swap.
        "UPDATE configurations SET priority = -4294967296 - seq WHERE id = ?",
      ),
      deleteConfiguration: db.prepare<[string]>("DELETE FROM configurations WHERE id = ?"),
      maxPriority: db.prepare<[], { max: number }>(
        "SELECT max(coalesce(max(priority), -1), -1) AS max FROM configurations",
      ),
      assignmentsAfter: db.prepare<[string, number, number], Row>(
        "SELECT seq, body FROM assignments WHERE configuration_id = ? AND seq > ? ORDER BY seq LIMIT ?",
      ),
      countAssignments: db.prepare<[string], { n: number }>(
        "SELECT count(*) AS n FROM assignments WHERE configuration_id = ?",
      ),
      getAssignment: db.prepare<[string, string], { body: string }>(
        "SELECT body FROM assignments WHERE configuration_id = ? AND id = ?",
      ),
      insertAssignment: db.prepare<[string, string, string]>(
        "INSERT INTO assignments (configuration_id, id, body) VALUES (?, ?, ?)",
      ),
      updateAssignment: db.prepare<[string, string, string]>(
        "UPDATE assignments SET body = ? WHERE configuration_id = ? AND id = ?",
      ),
      deleteAssignment: db.prepare<[string, string]>(
        "DELETE FROM assignments WHERE configuration_id = ? AND id = ?",
      ),
      deleteAssignments: db.prepare<[string]>("DELETE FROM assignments WHERE configuration_id = ?"),
      clearAssignments: db.prepare("DELETE FROM assignments"),
      clearConfigurations: db.prepare("DELETE FROM configurations"),
    };
  }

  // Check-then-write sequences run as one transaction: all of it is committed, or none.
  #prepareTransactions() {
    const s = this.#statements;
    return {
      createConfiguration: this.#db.transaction(
        (
          configuration: StoredConfiguration,
        ): Result<StoredConfiguration, Conflict | PriorityTaken> => {
          const { id, priority } = configuration;
          if (s.getConfiguration.get(id)) return { ok: false, reason: "conflict", id };
          const owner = s.priorityOwner.get(priority)?.id;
          if (owner !== undefined) return { ok: false, reason: "priorityTaken", priority, owner };
          s.insertConfiguration.run(
            configuration.id,
            configuration.priority,
            JSON.stringify(configuration),
          );
          return { ok: true, value: configuration };
        },
      ),
      replaceConfiguration: this.#db.transaction(
        (
          configuration: StoredConfiguration,
        ): Result<StoredConfiguration, NotFound | PriorityTaken> => {
          const { id, priority } = configuration;
          if (!s.getConfiguration.get(id)) return { ok: false, reason: "notFound", id };
          const owner = s.priorityOwner.get(priority)?.id;
          if (owner !== undefined && owner !== id) {
            return { ok: false, reason: "priorityTaken", priority, owner };
          }
          s.updateConfiguration.run(
            configuration.priority,
            JSON.stringify(configuration),
            configuration.id,
          );
          return { ok: true, value: configuration };
        },
      ),
      updatePriorities: this.#db.transaction(
        (pairs: [string, number][]): Result<null, NotFound | PriorityTaken> => {
          const changing = new Set(pairs.map(([id]) => id));
          for (const [id] of pairs) {
            if (!s.getConfiguration.get(id)) return { ok: false, reason: "notFound", id };
          }
          for (const [, priority] of pairs) {
            const owner = s.priorityOwner.get(priority)?.id;
            if (owner !== undefined && !changing.has(owner)) {
              return { ok: false, reason: "priorityTaken", priority, owner };
            }
          }
          for (const id of changing) s.parkPriority.run(id);
          for (const [id, priority] of pairs) s.setPriority.run({ priority, id });
          return { ok: true, value: null };
        },
      ),
      createAssignment: this.#db.transaction(
        (
          configurationId: string,
          assignment: StoredAssignment,
        ): Result<StoredAssignment, NotFound | Conflict> => {
          if (!s.getConfiguration.get(configurationId)) {
            return { ok: false, reason: "notFound", id: configurationId };
          }
          if (s.getAssignment.get(configurationId, assignment.id)) {
            return { ok: false, reason: "conflict", id: assignment.id };
          }
          s.insertAssignment.run(configurationId, assignment.id, JSON.stringify(assignment));
          return { ok: true, value: assignment };
        },
      ),
      replaceAssignments: this.#db.transaction(
        (
          configurationId: string,
          assignments: StoredAssignment[],
        ): Result<StoredAssignment[], NotFound | Conflict> => {
          if (!s.getConfiguration.get(configurationId)) {
            return { ok: false, reason: "notFound", id: configurationId };
          }
          const repeated = repeatedId(assignments);
          if (repeated !== undefined) return { ok: false, reason: "conflict", id: repeated };
          s.deleteAssignments.run(configurationId);
          for (const assignment of assignments) {
            s.insertAssignment.run(configurationId, assignment.id, JSON.stringify(assignment));
          }
          return { ok: true, value: assignments };
        },
      ),
      replaceAll: this.#db.transaction((fill: (empty: Store) => void) => {
        s.deleteMeta.run("officeConfiguration");
        s.clearAssignments.run();
        s.clearConfigurations.run();
        fill(this);
      }),
      exportFixtures: this.#db.transaction(
        (): Fixtures => ({
          officeConfiguration: this.getOfficeConfiguration(),
          clientConfigurations: [...this.listConfigurations()].map((configuration) => ({
            ...configuration,
            assignments: [...this.#assignmentsOf(configuration.id)],
          })),
        }),
      ),
      seed: this.#db.transaction((load: (store: SqliteStore) => void) => {
        load(this);
        s.setMeta.run("seeded", new Date().toISOString());
      }),
    };
  }

  /**
   * Runs `load` (the initial fixtures) once in the file's life, atomically: it is skipped when a
   * previous start already seeded the file, so a restart keeps the state; a load that throws
   * leaves the file unseeded. Returns whether it ran.
   */
  seedOnce(load: (store: SqliteStore) => void): boolean {
    if (this.#statements.getMeta.get("seeded")) return false;
    this.#transactions.seed.immediate(load);
    return true;
  }

  getOfficeConfiguration(): StoredOfficeConfiguration {
    const row = this.#statements.getMeta.get("officeConfiguration");
    return row ? JSON.parse(row.value) : emptyOfficeConfiguration();
  }

  setOfficeConfiguration(value: StoredOfficeConfiguration): void {
    this.#statements.setMeta.run("officeConfiguration", JSON.stringify(value));
  }

  listConfigurations(): Iterable<StoredConfiguration> {
    const page = this.#statements.configurationsAfter;
    return batches((after) => page.all(after, batchSize));
  }

  countConfigurations(): number {
    // An aggregate always yields one row; `?? 0` only satisfies the statement's row type.
    return this.#statements.countConfigurations.get()?.n ?? 0;
  }

  getConfiguration(id: string): StoredConfiguration | undefined {
    return parsed(this.#statements.getConfiguration.get(id));
  }

  createConfiguration(
    configuration: StoredConfiguration,
  ): Result<StoredConfiguration, Conflict | PriorityTaken> {
    return this.#transactions.createConfiguration.immediate(configuration);
  }

  replaceConfiguration(
    configuration: StoredConfiguration,
  ): Result<StoredConfiguration, NotFound | PriorityTaken> {
    return this.#transactions.replaceConfiguration.immediate(configuration);
  }

  deleteConfiguration(id: string): boolean {
    // Its assignments go with it: ON DELETE CASCADE, in the same statement's transaction.
    return this.#statements.deleteConfiguration.run(id).changes > 0;
  }

  maxPriority(): number {
    return this.#statements.maxPriority.get()?.max ?? -1;
  }

  updatePriorities(pairs: [string, number][]): Result<null, NotFound | PriorityTaken> {
    return this.#transactions.updatePriorities.immediate(pairs);
  }

  listAssignments(configurationId: string): Iterable<StoredAssignment> | undefined {
    if (!this.#statements.getConfiguration.get(configurationId)) return undefined;
    return this.#assignmentsOf(configurationId);
  }

  #assignmentsOf(configurationId: string): Iterable<StoredAssignment> {
    const page = this.#statements.assignmentsAfter;
    return batches((after) => page.all(configurationId, after, batchSize));
  }

  countAssignments(configurationId: string): number | undefined {
    if (!this.#statements.getConfiguration.get(configurationId)) return undefined;
    return this.#statements.countAssignments.get(configurationId)?.n ?? 0;
  }

  getAssignment(configurationId: string, assignmentId: string): StoredAssignment | undefined {
    return parsed(this.#statements.getAssignment.get(configurationId, assignmentId));
  }

  createAssignment(
    configurationId: string,
    assignment: StoredAssignment,
  ): Result<StoredAssignment, NotFound | Conflict> {
    return this.#transactions.createAssignment.immediate(configurationId, assignment);
  }

  replaceAssignment(
    configurationId: string,
    assignment: StoredAssignment,
  ): Result<StoredAssignment, NotFound> {
    const { changes } = this.#statements.updateAssignment.run(
      JSON.stringify(assignment),
      configurationId,
      assignment.id,
    );
    if (changes > 0) return { ok: true, value: assignment };
    // Which one is missing is asked only on this failure path.
    const missing = this.#statements.getConfiguration.get(configurationId)
      ? assignment.id
      : configurationId;
    return { ok: false, reason: "notFound", id: missing };
  }

  deleteAssignment(configurationId: string, assignmentId: string): boolean {
    return this.#statements.deleteAssignment.run(configurationId, assignmentId).changes > 0;
  }

  replaceAssignments(
    configurationId: string,
    assignments: StoredAssignment[],
  ): Result<StoredAssignment[], NotFound | Conflict> {
    return this.#transactions.replaceAssignments.immediate(configurationId, assignments);
  }

  exportFixtures(): Fixtures {
    // One read transaction: a consistent snapshot even though the lists walk in batches.
    return this.#transactions.exportFixtures();
  }

  replaceAll(fill: (empty: Store) => void): void {
    this.#transactions.replaceAll.immediate(fill);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

/** `quick_check` (the page structure and rows; faster than `integrity_check`) must say ok. */
function checkIntegrity(db: Database.Database): void {
  const rows = db.pragma("quick_check(3)") as { quick_check: string }[];
  const problems = rows
    .flatMap((row) => row.quick_check.split("\n"))
    .filter((line) => line !== "" && !line.startsWith("***"));
  if (problems.length === 1 && problems[0] === "ok") return;
  const error = new Error(`SQLite quick_check found ${problems.join("; ")}`);
  throw Object.assign(error, { code: "SQLITE_CORRUPT" });
}

/** One line naming the file and what is wrong with it, as `npm start` prints it. */
function fileError(file: string, error: unknown): Error {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const reason =
    code === "SQLITE_BUSY"
      ? "is in use by another process (one stub per data file; stop the other, or use another file)"
      : code === "SQLITE_READONLY" || code === "SQLITE_CANTOPEN"
        ? `cannot be written: ${message} (check the permissions of the file and its directory)`
        : code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB"
          ? `is damaged or not a data file: ${message}`
          : `cannot be used: ${message}`;
  return new Error(`data file ${file} ${reason}`, { cause: error });
}

function parsed<T>(row: { body: string } | undefined): T | undefined {
  return row ? (JSON.parse(row.body) as T) : undefined;
}

/**
 * A lazy walk in creation order, `batchSize` rows per query, resuming after the last `seq` seen.
 * No statement stays open between steps, so a walk the caller abandons holds nothing, and a
 * write between steps cannot make the connection busy (as an open `iterate()` would).
 */
function* batches<T>(fetch: (afterSeq: number) => Row[]): Generator<T> {
  let after = 0;
  for (;;) {
    const rows = fetch(after);
    for (const row of rows) yield JSON.parse(row.body) as T;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = last.seq;
  }
}
