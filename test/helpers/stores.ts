// Stores for tests: the demo fixtures, optionally with one method broken to provoke a 500.
import { demoFixtures, loadFixtures } from "../../src/stub/fixtures.js";
import { MemoryStore } from "../../src/stub/store/memory.js";
import type { Store } from "../../src/stub/store/store.js";

export function demoStore(): MemoryStore {
  const store = new MemoryStore();
  loadFixtures(demoFixtures, store);
  return store;
}

/** The demo store whose `method` throws, as a broken disk or bug would. */
export function brokenStore(method: keyof Store): MemoryStore {
  const store = demoStore();
  store[method] = () => {
    throw new Error("store is broken");
  };
  return store;
}
