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
  // The list comes in pages of 100: follow @odata.nextLink, as Graph clients must.
  const listed: string[] = [];
  let next: string | undefined = url;
  for (let page = 0; next && page < 10; page++) {
    const body = (await (await fetch(next, { headers: auth })).json()) as {
      value: { id: string }[];
      "@odata.nextLink"?: string;
    };
    listed.push(...body.value.map((a) => a.id));
    next = body["@odata.nextLink"];
  }
  t.equal(next, undefined, "the last page has no nextLink");
  t.equal(listed.length, 200);
  t.same(new Set(listed), new Set(ids), "the list holds exactly those");
});
