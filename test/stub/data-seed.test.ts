// A data file whose first seeding fails: the error is passed on as it is and the file is closed,
// so the next start opens it again (and seeds it then).
import t from "tap";
import * as fixtures from "../../src/stub/fixtures.js";
import { build } from "../helpers/build.js";
import { auth, configurationsPath, demoConfigurationId } from "../helpers/requests.js";

t.test("seeding a new data file fails → the error as it is, the file closed", async (t) => {
  const { buildApp } = await t.mockImport<typeof import("../../src/stub/app.js")>(
    "../../src/stub/app.js",
    {
      "../../src/stub/fixtures.js": {
        ...fixtures,
        loadFixtures: () => {
          throw new Error("disk full while seeding");
        },
      },
    },
  );
  const data = `${t.testdir({})}/stub.db`;
  await t.rejects(buildApp({ logLevel: "silent", data }), { message: "disk full while seeding" });
  const app = await build(t, { data });
  const demo = await app.inject({
    url: `${configurationsPath}/${demoConfigurationId}`,
    headers: auth,
  });
  t.equal(demo.statusCode, 200, "the next start seeds the file it left empty");
});
