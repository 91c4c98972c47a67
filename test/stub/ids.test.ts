// Ids: every id the stub stores is well-formed Unicode within entityId.maxLength (128), so its
// Location always routes back; what is refused is refused before anything is written.
import t from "tap";
import { buildApp } from "../../src/stub/app.js";
import { build } from "../helpers/build.js";
import { assertContract, type ErrorBody } from "../helpers/contract.js";
import {
  assignmentsPath,
  auth,
  configurationsPath,
  json,
  seedRequest,
} from "../helpers/requests.js";

const windows = { "@odata.type": "#microsoft.graph.windowsOfficeClientConfiguration" };
// What JavaScript makes of an emoji cut in half: a lone high surrogate.
const loneSurrogate = "x\ud800";
const surrogateMessage =
  "The property 'id' must be well-formed Unicode text: it holds a lone UTF-16 surrogate.";

t.test("an id with a lone surrogate → 400 naming it; nothing is stored", async (t) => {
  const app = await build(t);
  const before = app.store.exportFixtures();
  for (const [operationId, url, body] of [
    ["createClientConfiguration", configurationsPath, { ...windows, id: loneSurrogate }],
    ["createAssignment", assignmentsPath, { ...seedRequest, id: loneSurrogate }],
  ] as const) {
    const res = await app.inject({
      method: "POST",
      url,
      headers: json,
      payload: JSON.stringify(body),
    });
    t.equal(res.statusCode, 400, operationId);
    const { error } = assertContract<ErrorBody>(t, operationId, res);
    t.equal(error.code, "BadRequest");
    t.equal(error.message, surrogateMessage);
    t.equal(error.target, "id");
    t.equal(res.headers.location, undefined, "no Location");
  }
  t.same(app.store.exportFixtures(), before, "nothing was written");
});

t.test(
  "ids over 128 characters → 400 at create; 128 characters of any script route back",
  async (t) => {
    const app = await build(t);
    const tooLong = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: json,
      payload: { ...windows, id: "a".repeat(129) },
    });
    t.equal(tooLong.statusCode, 400);
    t.same(
      (({ code, message, target }) => ({ code, message, target }))(
        assertContract<ErrorBody>(t, "createClientConfiguration", tooLong).error,
      ),
      {
        code: "BadRequest",
        message: "The property 'id' must be at most 128 characters long.",
        target: "id",
      },
    );
    // 128 code points of 4 UTF-8 bytes each: the longest a Location's key segment can be.
    for (const id of ["a".repeat(128), "😀".repeat(128), "é/ ?#%".repeat(18)]) {
      const created = await app.inject({
        method: "POST",
        url: configurationsPath,
        headers: json,
        payload: { ...windows, id },
      });
      t.equal(created.statusCode, 201, `created ${id.slice(0, 8)}…`);
      const location = new URL(String(created.headers.location));
      const read = await app.inject({ method: "GET", url: location.pathname, headers: auth });
      t.equal(read.statusCode, 200, "GET on its Location");
      t.equal(read.json().id, id);
      const patched = await app.inject({
        method: "PATCH",
        url: location.pathname,
        headers: json,
        payload: { displayName: "renamed" },
      });
      t.equal(patched.statusCode, 204, "PATCH on its Location");
      const deleted = await app.inject({ method: "DELETE", url: location.pathname, headers: auth });
      t.equal(deleted.statusCode, 204, "DELETE on its Location");
    }
  },
);

t.test("a key segment longer than any id → Graph 400, with its log line", async (t) => {
  const lines: Record<string, unknown>[] = [];
  const app = await buildApp({
    logLevel: "info",
    logStream: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  t.teardown(() => app.close());
  const long = "a".repeat(129);
  const cases = [
    // Routed: the path parameter is checked against entityId.
    {
      url: `${configurationsPath}/${long}`,
      message:
        "The path parameter 'officeClientConfigurationId' must be at most 128 characters long.",
    },
    // Beyond what routing takes (12 × 128 characters): refused before routing.
    {
      url: `${configurationsPath}/${"a".repeat(1537)}`,
      message: `The request URL is not valid: a key segment is longer than any id (ids are at most 128 characters): ${configurationsPath}/${"a".repeat(1537)}`,
    },
    {
      url: `${configurationsPath}/x/assignments/${"%F0%9F%98%80".repeat(129)}`,
      message:
        "The path parameter 'officeClientConfigurationAssignmentId' must be at most 128 characters long.",
    },
    // Invalid UTF-8 in the path (a lone surrogate's bytes): refused before routing.
    {
      url: `${configurationsPath}/%ED%A0%80`,
      message: `The request URL is not valid: ${configurationsPath}/%ED%A0%80`,
    },
  ];
  for (const method of ["GET", "PATCH", "DELETE"] as const) {
    for (const { url, message } of cases) {
      lines.length = 0;
      const res = await app.inject({
        method,
        url,
        headers: method === "PATCH" ? json : auth,
        ...(method === "PATCH" ? { payload: { displayName: "x" } } : {}),
      });
      t.equal(res.statusCode, 400, `${method} ${url.slice(-12)}`);
      t.match(res.headers, {
        "request-id": /^[0-9a-f-]{36}$/,
        "content-type": /^application\/json/,
      });
      t.match(res.json(), {
        error: {
          code: "BadRequest",
          message,
          innerError: { "request-id": res.headers["request-id"] },
        },
      });
      t.match(
        lines,
        [
          {
            "request-id": res.headers["request-id"],
            statusCode: 400,
            code: "BadRequest",
            msg: "request completed",
          },
        ],
        "one log line",
      );
    }
  }
});
