// The Store contract, run against every implementation: each one must answer every method,
// and every failure, exactly as the others do (MemoryStore is the reference).
import type { Test } from "tap";
import {
  emptyOfficeConfiguration,
  type StoredAssignment,
  type StoredConfiguration,
} from "../../src/stub/entities.js";
import { loadFixtures } from "../../src/stub/fixtures.js";
import type { Store } from "../../src/stub/store/store.js";

/** A fresh, empty store for one test; the suite closes it when the test ends. */
export type StoreFactory = (t: Test) => Store;

export function configuration(id: string, priority: number): StoredConfiguration {
  return {
    "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration",
    id,
    displayName: `Configuration ${id}`,
    description: null,
    priority,
    checkinStatuses: [],
    userCheckinSummary: { succeededUserCount: 0, failedUserCount: 0 },
    policyPayload: null,
    userPreferencePayload: null,
  };
}

export function assignment(id: string, groupId = "g1"): StoredAssignment {
  return {
    "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
    id,
    target: {
      "@odata.type": "#microsoft.graph.officeConfigurationGroupAssignmentTarget",
      groupId,
    },
  };
}

const ids = (items: Iterable<{ id: string }> | undefined) =>
  items === undefined ? undefined : [...items].map((item) => item.id);

export function storeConformance(t: Test, make: StoreFactory): void {
  const fresh = (t: Test): Store => {
    const store = make(t);
    t.teardown(() => store.close());
    return store;
  };

  t.test("an empty store has nothing, and the default singleton", async (t) => {
    const store = fresh(t);
    t.same(store.getOfficeConfiguration(), emptyOfficeConfiguration());
    t.same(ids(store.listConfigurations()), []);
    t.equal(store.countConfigurations(), 0);
    t.equal(store.maxPriority(), -1);
    t.equal(store.getConfiguration("x"), undefined);
    t.equal(store.listAssignments("x"), undefined);
    t.equal(store.countAssignments("x"), undefined);
    t.equal(store.getAssignment("x", "a"), undefined);
    t.equal(store.deleteConfiguration("x"), false);
    t.equal(store.deleteAssignment("x", "a"), false);
    t.same(store.exportFixtures(), {
      officeConfiguration: emptyOfficeConfiguration(),
      clientConfigurations: [],
    });
  });

  t.test("the singleton is replaced as a whole", async (t) => {
    const store = fresh(t);
    const value = {
      tenantCheckinStatuses: [],
      tenantUserCheckinSummary: { succeededUserCount: 3, failedUserCount: 1 },
    };
    store.setOfficeConfiguration(value);
    t.same(store.getOfficeConfiguration(), value);
  });

  t.test("createConfiguration: creation order; conflict on an id; priorityTaken", async (t) => {
    const store = fresh(t);
    const b = configuration("b", 5);
    t.same(store.createConfiguration(b), { ok: true, value: b });
    t.ok(store.createConfiguration(configuration("a", 1)).ok);
    t.ok(store.createConfiguration(configuration("c", 3)).ok);
    t.same(ids(store.listConfigurations()), ["b", "a", "c"], "creation order, not id or priority");
    t.equal(store.countConfigurations(), 3);
    t.same(store.getConfiguration("b"), b);
    t.equal(store.maxPriority(), 5);

    t.same(store.createConfiguration(configuration("b", 9)), {
      ok: false,
      reason: "conflict",
      id: "b",
    });
    t.same(store.createConfiguration(configuration("d", 1)), {
      ok: false,
      reason: "priorityTaken",
      priority: 1,
      owner: "a",
    });
    t.equal(store.countConfigurations(), 3, "failures change nothing");
    t.same(store.getConfiguration("b"), b);
  });

  t.test("maxPriority is never below -1", async (t) => {
    const store = fresh(t);
    t.ok(store.createConfiguration(configuration("n", -5)).ok);
    t.equal(store.maxPriority(), -1);
    t.ok(store.createConfiguration(configuration("z", 0)).ok);
    t.equal(store.maxPriority(), 0);
  });

  t.test("replaceConfiguration: keeps its place; notFound; priorityTaken by another", async (t) => {
    const store = fresh(t);
    store.createConfiguration(configuration("a", 0));
    store.createConfiguration(configuration("b", 1));
    const renamed = { ...configuration("a", 0), displayName: "Renamed" };
    t.same(store.replaceConfiguration(renamed), { ok: true, value: renamed }, "its own priority");
    t.same(store.getConfiguration("a"), renamed);
    t.same(ids(store.listConfigurations()), ["a", "b"]);

    t.same(store.replaceConfiguration(configuration("x", 7)), {
      ok: false,
      reason: "notFound",
      id: "x",
    });
    t.same(store.replaceConfiguration(configuration("a", 1)), {
      ok: false,
      reason: "priorityTaken",
      priority: 1,
      owner: "b",
    });
    t.same(store.getConfiguration("a"), renamed, "a failure changes nothing");

    t.ok(store.replaceConfiguration(configuration("a", 4)).ok, "a new priority");
    t.equal(store.maxPriority(), 4);
    t.ok(store.createConfiguration(configuration("c", 0)).ok, "the old priority is free again");
  });

  t.test("deleteConfiguration deletes its assignments and frees its priority", async (t) => {
    const store = fresh(t);
    store.createConfiguration(configuration("a", 0));
    store.createConfiguration(configuration("b", 1));
    store.createAssignment("a", assignment("x"));
    store.createAssignment("b", assignment("y"));
    t.equal(store.deleteConfiguration("a"), true);
    t.equal(store.deleteConfiguration("a"), false, "gone");
    t.equal(store.getConfiguration("a"), undefined);
    t.same(ids(store.listConfigurations()), ["b"]);
    t.equal(store.getAssignment("a", "x"), undefined);
    t.ok(store.createConfiguration(configuration("a", 0)).ok, "id and priority are free again");
    t.same(ids(store.listAssignments("a")), [], "a recreated configuration has no assignments");
    t.same(ids(store.listAssignments("b")), ["y"], "others keep theirs");
  });

  t.test("updatePriorities: all at once, swaps allowed; or none", async (t) => {
    const store = fresh(t);
    for (const [id, priority] of [
      ["a", 0],
      ["b", 1],
      ["c", 2],
    ] as const) {
      store.createConfiguration(configuration(id, priority));
    }
    const priorities = () => [...store.listConfigurations()].map((c) => [c.id, c.priority]);

    t.same(
      store.updatePriorities([
        ["a", 1],
        ["b", 0],
        ["c", 9],
      ]),
      { ok: true, value: null },
      "a swap and a move",
    );
    t.same(priorities(), [
      ["a", 1],
      ["b", 0],
      ["c", 9],
    ]);
    t.equal(store.getConfiguration("c")?.priority, 9, "the entity carries its new priority");
    t.equal(store.maxPriority(), 9);
    t.ok(store.createConfiguration(configuration("d", 2)).ok, "c's old priority is free");

    t.same(
      store.updatePriorities([
        ["a", 5],
        ["nope", 6],
      ]),
      { ok: false, reason: "notFound", id: "nope" },
    );
    t.same(
      store.updatePriorities([
        ["a", 7],
        ["b", 2],
      ]),
      { ok: false, reason: "priorityTaken", priority: 2, owner: "d" },
      "a priority held by a configuration not in the list",
    );
    t.same(
      priorities(),
      [
        ["a", 1],
        ["b", 0],
        ["c", 9],
        ["d", 2],
      ],
      "failures change nothing",
    );
    t.same(store.updatePriorities([]), { ok: true, value: null }, "nothing to do");
  });

  t.test("createAssignment: per configuration; notFound; conflict on an id", async (t) => {
    const store = fresh(t);
    store.createConfiguration(configuration("a", 0));
    store.createConfiguration(configuration("b", 1));
    const x = assignment("x");
    t.same(store.createAssignment("a", x), { ok: true, value: x });
    t.ok(store.createAssignment("a", assignment("w")).ok);
    t.ok(store.createAssignment("b", assignment("x", "g2")).ok, "ids are per configuration");
    t.same(ids(store.listAssignments("a")), ["x", "w"], "creation order");
    t.equal(store.countAssignments("a"), 2);
    t.equal(store.countAssignments("b"), 1);
    t.same(store.getAssignment("a", "x"), x);
    t.same(store.getAssignment("b", "x"), assignment("x", "g2"));
    t.equal(store.getAssignment("a", "nope"), undefined);

    t.same(store.createAssignment("nope", assignment("y")), {
      ok: false,
      reason: "notFound",
      id: "nope",
    });
    t.same(store.createAssignment("a", assignment("x", "g3")), {
      ok: false,
      reason: "conflict",
      id: "x",
    });
    t.same(store.getAssignment("a", "x"), x, "a conflict changes nothing");
  });

  t.test("replaceAssignment keeps its place; deleteAssignment; both notFound", async (t) => {
    const store = fresh(t);
    store.createConfiguration(configuration("a", 0));
    store.createAssignment("a", assignment("x"));
    store.createAssignment("a", assignment("y"));
    const changed = assignment("x", "g9");
    t.same(store.replaceAssignment("a", changed), { ok: true, value: changed });
    t.same([...(store.listAssignments("a") ?? [])], [changed, assignment("y")]);
    t.same(store.replaceAssignment("a", assignment("z")), {
      ok: false,
      reason: "notFound",
      id: "z",
    });
    t.same(store.replaceAssignment("nope", assignment("x")), {
      ok: false,
      reason: "notFound",
      id: "nope",
    });

    t.equal(store.deleteAssignment("a", "x"), true);
    t.equal(store.deleteAssignment("a", "x"), false);
    t.equal(store.deleteAssignment("nope", "y"), false);
    t.same(ids(store.listAssignments("a")), ["y"]);
    t.equal(store.countAssignments("a"), 1);
  });

  t.test("replaceAssignments: all at once, in the order given; or none", async (t) => {
    const store = fresh(t);
    store.createConfiguration(configuration("a", 0));
    store.createConfiguration(configuration("b", 1));
    store.createAssignment("a", assignment("old"));
    store.createAssignment("b", assignment("other"));
    const next = [assignment("q"), assignment("old", "g2"), assignment("p")];
    t.same(store.replaceAssignments("a", next), { ok: true, value: next });
    t.same([...(store.listAssignments("a") ?? [])], next);
    t.same(ids(store.listAssignments("b")), ["other"], "other configurations keep theirs");

    t.same(store.replaceAssignments("nope", next), { ok: false, reason: "notFound", id: "nope" });
    t.same(store.replaceAssignments("a", [assignment("e"), assignment("d"), assignment("d")]), {
      ok: false,
      reason: "conflict",
      id: "d",
    });
    t.same([...(store.listAssignments("a") ?? [])], next, "failures change nothing");
    t.same(store.replaceAssignments("a", []), { ok: true, value: [] });
    t.equal(store.countAssignments("a"), 0);
  });

  t.test("lists are lazy walks in creation order, over any number of items", async (t) => {
    const store = fresh(t);
    // Round and odd counts, so a store that reads in batches meets both a full last batch
    // and a short one.
    for (let i = 0; i < 256; i++) store.createConfiguration(configuration(`c${i}`, i));
    for (let i = 0; i < 130; i++) store.createAssignment("c7", assignment(`a${i}`));
    const all = ids(store.listConfigurations()) ?? [];
    t.equal(all.length, 256);
    t.same(all.slice(0, 3), ["c0", "c1", "c2"]);
    t.equal(all.at(-1), "c255");
    t.same(ids(store.listAssignments("c7"))?.slice(-2), ["a128", "a129"]);
    t.equal(ids(store.listAssignments("c7"))?.length, 130);

    // A walk abandoned half-way holds nothing: writes and new walks still work.
    const walk = store.listConfigurations()[Symbol.iterator]();
    t.equal(walk.next().value?.id, "c0");
    const assignments = (store.listAssignments("c7") ?? [])[Symbol.iterator]();
    t.equal(assignments.next().value?.id, "a0");
    t.ok(store.createConfiguration(configuration("late", 1000)).ok);
    t.ok(store.createAssignment("c7", assignment("late")).ok);
    t.equal(store.deleteConfiguration("c1"), true);
    let first: string | undefined;
    for (const item of store.listConfigurations()) {
      first = item.id;
      break;
    }
    t.equal(first, "c0");
    t.equal(store.countConfigurations(), 256);
  });

  t.test("exportFixtures, replaceAll and loadFixtures give back the same state", async (t) => {
    const store = fresh(t);
    store.setOfficeConfiguration({
      tenantCheckinStatuses: [],
      tenantUserCheckinSummary: { succeededUserCount: 1, failedUserCount: 2 },
    });
    store.createConfiguration({ ...configuration("b", 4), policyPayload: "eyJhIjoxfQ==" });
    store.createConfiguration(configuration("a", 2));
    store.createAssignment("b", assignment("x"));
    store.createAssignment("b", assignment("y", "g2"));
    const exported = store.exportFixtures();
    t.match(exported, {
      officeConfiguration: { tenantUserCheckinSummary: { failedUserCount: 2 } },
      clientConfigurations: [
        { id: "b", priority: 4, assignments: [{ id: "x" }, { id: "y" }] },
        { id: "a", priority: 2, assignments: [] },
      ],
    });

    store.replaceAll(() => {});
    t.same(store.exportFixtures(), {
      officeConfiguration: emptyOfficeConfiguration(),
      clientConfigurations: [],
    });
    t.equal(store.maxPriority(), -1);
    t.equal(store.listAssignments("b"), undefined);

    store.replaceAll((empty) => loadFixtures(exported, empty));
    t.same(store.exportFixtures(), exported);
  });

  t.test("replaceAll is all or nothing: a fill that throws keeps the old state", async (t) => {
    const store = fresh(t);
    store.createConfiguration(configuration("old", 0));
    store.createAssignment("old", assignment("x"));
    const before = store.exportFixtures();
    t.throws(
      () =>
        store.replaceAll((empty) => {
          t.equal(empty.countConfigurations(), 0, "the fill starts from an empty store");
          empty.createConfiguration(configuration("new", 0));
          throw new Error("the disk is full");
        }),
      /the disk is full/,
    );
    t.same(store.exportFixtures(), before);
    t.ok(store.createConfiguration(configuration("next", 1)).ok, "the store takes writes after");
  });
}
