// Bodies are UTF-8 JSON: another declared charset is a 415, bytes that are not UTF-8 a 400; both
// change nothing (before, `charset=latin1` bodies were read as UTF-8 and é stored as U+FFFD).
import t from "tap";
import { build } from "../helpers/build.js";
import { assertContract, type ErrorBody } from "../helpers/contract.js";
import { auth, configurationsPath } from "../helpers/requests.js";

const body = (displayName: string) =>
  `{"@odata.type":"#microsoft.graph.windowsOfficeClientConfiguration","displayName":"${displayName}"}`;

t.test("a charset other than UTF-8 → 415 naming the content type", async (t) => {
  const app = await build(t);
  const before = app.store.exportFixtures();
  for (const contentType of [
    "application/json; charset=latin1",
    "application/json;charset=ISO-8859-1",
    'application/json; charset="utf-16"',
  ]) {
    const res = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: { ...auth, "content-type": contentType },
      payload: Buffer.from(body("é"), "latin1"),
    });
    t.equal(res.statusCode, 415, contentType);
    const { error } = assertContract<ErrorBody>(t, "createClientConfiguration", res);
    t.equal(error.code, "RequestBodyRead");
    t.equal(
      error.message,
      `A supported MIME type could not be found that matches the content type of the request. The supported type(s) 'application/json' do not match the content type '${contentType}'.`,
    );
  }
  const control = await app.inject({
    method: "POST",
    url: "/_stub/faults",
    headers: { "content-type": "application/json; charset=latin1" },
    payload: '{"status":503}',
  });
  t.equal(control.statusCode, 415, "the control routes too");
  t.same(app.store.exportFixtures(), before, "nothing changed");
});

t.test("bytes that are not UTF-8 → 400; UTF-8, declared or not, is read as sent", async (t) => {
  const app = await build(t);
  const before = app.store.exportFixtures();
  for (const bytes of [
    Buffer.from(body("é"), "latin1"),
    Buffer.concat([
      Buffer.from(body("x")).subarray(0, -3),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]),
  ]) {
    const res = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: { ...auth, "content-type": "application/json" },
      payload: bytes,
    });
    t.equal(res.statusCode, 400);
    const { error } = assertContract<ErrorBody>(t, "createClientConfiguration", res);
    t.same(
      [error.code, error.message, error.details],
      [
        "BadRequest",
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
        [{ code: "BadRequest", message: "The request body is not valid UTF-8." }],
      ],
    );
  }
  t.same(app.store.exportFixtures(), before, "nothing changed");
  for (const contentType of [
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=UTF8",
  ]) {
    const res = await app.inject({
      method: "POST",
      url: configurationsPath,
      headers: { ...auth, "content-type": contentType },
      payload: Buffer.from(body("é😀")),
    });
    t.equal(res.statusCode, 201, contentType);
    t.equal(res.json().displayName, "é😀");
  }
});
