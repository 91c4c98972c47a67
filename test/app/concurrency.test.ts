import t from "tap";
import { listen } from "../helpers/listen.js";
import { auth, json, seedRequest } from "../helpers/requests.js";

t.test("200 parallel POSTs give 200 distinct assignments, all listed", async (t) => {
  const { baseUrl } = await listen(t);
  const url = `${baseUrl}/officeConfiguration/clientConfigurations/c0ffee00-0000-4000-8000-000000000001/assignments`;
  const replies = await Promise.all(
    Array.from({ length: 200 }, () =>
      fetch(url, { method: "POST", headers: json, body: JSON.stringify(seedRequest) }),
    ),
  );
  t.same([...new Set(replies.map((r) => r.status))], [201]);
  const ids = await Promise.all(replies.map(async (r) => ((await r.json()) as { id: string }).id));
  t.equal(new Set(ids).size, 200, "every id is distinct");
  const list = (await (await fetch(url, { headers: auth })).json()) as { value: { id: string }[] };
  t.same(new Set(list.value.map((a) => a.id)), new Set(ids), "the list holds exactly those");
});
