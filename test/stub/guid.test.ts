import t from "tap";
import { newGuid } from "../../src/stub/guid.js";
import { guid } from "../helpers/requests.js";

t.test("newGuid() gives distinct version 4 GUIDs, across refills of its random pool", async (t) => {
  const ids = Array.from({ length: 2_000 }, () => newGuid());
  t.equal(new Set(ids).size, ids.length, "all distinct");
  const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  t.same(
    ids.filter((id) => !shape.test(id)),
    [],
    "lowercase, version 4, RFC variant",
  );
  t.ok(ids.every((id) => guid.test(id)));
  // The random bytes are not stuck: the first digit takes all 16 values.
  const digits = new Set(ids.map((id) => id[0]));
  t.equal(digits.size, 16);
});
