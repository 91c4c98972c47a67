// date-time and uuid as the standards write them, for the stub's precompiled validators and the
// checker's compiled ones alike (ajv-formats took a space for T and a urn:uuid: prefix).
import t from "tap";
import { plainUuid, rfc3339DateTime } from "../../src/spec/formats.js";
import { compile } from "../../src/spec/validation.js";

t.test("date-time: RFC 3339 §5.6 only", async (t) => {
  const validate = compile({ type: "string", format: "date-time" });
  for (const value of [
    "2024-01-01T10:00:00Z",
    "2024-01-01t10:00:00z",
    "2024-02-29T23:59:60.123+14:00",
    "2000-02-29T00:00:00-05:30",
  ]) {
    t.ok(validate(value), value);
    t.ok(rfc3339DateTime.test(value), `${value} (the expression itself)`);
  }
  for (const value of [
    "2024-01-01 10:00:00Z",
    "2024-01-01T10:00:00",
    "2023-02-29T10:00:00Z",
    "1900-02-29T10:00:00Z",
    "2024-04-31T10:00:00Z",
    "2024-01-01T24:00:00Z",
    "2024-01-01T10:00:00+25:00",
    "2024-01-01",
  ]) {
    t.notOk(validate(value), value);
  }
});

t.test("uuid: plain hexadecimal, no urn:uuid: prefix", async (t) => {
  const validate = compile({ type: "string", format: "uuid" });
  t.ok(validate("c0ffee00-0000-4000-8000-000000000001"));
  t.ok(validate("C0FFEE00-0000-4000-8000-000000000001"));
  t.ok(plainUuid.test("c0ffee00-0000-4000-8000-000000000001"));
  for (const value of [
    "urn:uuid:c0ffee00-0000-4000-8000-000000000001",
    "{c0ffee00-0000-4000-8000-000000000001}",
    "c0ffee00000040008000000000000001",
  ]) {
    t.notOk(validate(value), value);
  }
});
