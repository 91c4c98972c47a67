import t from "tap";
import { newConfiguration } from "../../src/entities.js";
import { MemoryStore } from "../../src/store/memory.js";

t.test("the memory store refuses what the handlers never send it, and closes", async (t) => {
  const store = new MemoryStore();
  const config = newConfiguration(
    { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration", id: "a" },
    0,
  );
  t.same(store.replaceConfiguration(config), { ok: false, reason: "notFound" });
  t.same(
    store.replaceAssignment("a", {
      "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
      id: "x",
      target: { "@odata.type": "#microsoft.graph.officeConfigurationAssignmentTarget" },
    }),
    { ok: false, reason: "notFound" },
  );
  t.same(store.updatePriorities([["a", 1]]), { ok: false, reason: "notFound", detail: "a" });
  t.equal(store.maxPriority(), -1);
  store.close();
});
