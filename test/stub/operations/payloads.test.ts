import t from "tap";
import { build } from "../../helpers/build.js";
import { assertContract, documentedStatuses, exercisedStatuses } from "../../helpers/contract.js";
import { auth, configurationsPath, demoConfigurationId } from "../../helpers/requests.js";
import { assertSharedStatuses } from "../../helpers/statuses.js";

const demo = `${configurationsPath}/${demoConfigurationId}`;
const streams = [
  ["policyPayload", "getPolicyPayload", "setPolicyPayload"],
  ["userPreferencePayload", "getUserPreferencePayload", "setUserPreferencePayload"],
] as const;
const octets = { ...auth, "content-type": "application/octet-stream" };

for (const [property, getId, setId] of streams) {
  const url = `${demo}/${property}`;
  t.test(
    `${property}: empty → 204; PUT bytes → 204; GET returns them; the entity shows base64`,
    async (t) => {
      const app = await build(t);
      const empty = await app.inject({ url, headers: auth });
      t.equal(empty.statusCode, 204);
      assertContract(t, getId, empty);
      const bytes = JSON.stringify({ "Office.Setting": { enabled: true } });
      const put = await app.inject({ method: "PUT", url, headers: octets, payload: bytes });
      t.equal(put.statusCode, 204);
      assertContract(t, setId, put);
      const read = await app.inject({ url, headers: auth });
      t.equal(read.statusCode, 200);
      t.equal(read.headers["content-type"], "application/octet-stream");
      t.equal(assertContract(t, getId, read), bytes);
      const entity = (await app.inject({ url: demo, headers: auth })).json();
      t.equal(entity[property], Buffer.from(bytes).toString("base64"));
      const cleared = await app.inject({ method: "PUT", url, headers: octets, payload: "" });
      t.equal(cleared.statusCode, 204);
      t.equal(
        (await app.inject({ url, headers: auth })).statusCode,
        204,
        "an empty PUT empties it",
      );
    },
  );

  t.test(`${property}: 400 empty id, 404 unknown configuration`, async (t) => {
    const app = await build(t);
    for (const [id, method] of [
      [getId, "GET"],
      [setId, "PUT"],
    ] as const) {
      const empty = await app.inject({
        method,
        url: `${configurationsPath}//${property}`,
        headers: octets,
        payload: "x",
      });
      t.equal(empty.statusCode, 400);
      assertContract(t, id, empty);
      const missing = await app.inject({
        method,
        url: `${configurationsPath}/nope/${property}`,
        headers: octets,
        payload: "x",
      });
      t.equal(missing.statusCode, 404);
      t.match(assertContract(t, id, missing), { error: { code: "ResourceNotFound" } });
    }
  });

  t.test(`${property}: shared statuses, every documented status`, async (t) => {
    await assertSharedStatuses(t, getId, { url, headers: auth });
    await assertSharedStatuses(t, setId, { method: "PUT", url, headers: octets, payload: "x" });
    t.same(exercisedStatuses(getId), documentedStatuses(getId));
    t.same(exercisedStatuses(setId), documentedStatuses(setId));
  });
}
