import t from "tap";
import { parseFaultHeader } from "../../src/stub/faults.js";
import { defaultAppOptions } from "../../src/stub/options.js";
import { build } from "../helpers/build.js";
import { assignmentsPath, auth } from "../helpers/requests.js";

async function statuses(t: Parameters<typeof build>[0], seed: number) {
  const app = await build(t, {
    faultRate: 0.5,
    faultSeed: seed,
    faultStatuses: [429, 503],
    retryAfter: 4,
  });
  const seen: (number | string | undefined)[][] = [];
  for (let i = 0; i < 20; i++) {
    const res = await app.inject({ url: assignmentsPath, headers: auth });
    seen.push([res.statusCode, res.headers["retry-after"]]);
  }
  return seen;
}

t.test("random faults: a share of requests, reproducible from the seed", async (t) => {
  const first = await statuses(t, 7);
  t.same(await statuses(t, 7), first, "the same seed gives the same sequence");
  t.notSame(await statuses(t, 8), first, "another seed, another sequence");
  const codes = first.map(([status]) => status);
  t.ok(codes.includes(200) && codes.includes(429) && codes.includes(503), "some pass, some fail");
  t.ok(
    first.filter(([s]) => s !== 200).every(([, retry]) => retry === "4"),
    "Retry-After from --retry-after",
  );
});

t.test("added latency still answers (bounded range)", async (t) => {
  const app = await build(t, { latency: [1, 3] });
  const res = await app.inject({ url: assignmentsPath, headers: auth });
  t.equal(res.statusCode, 200);
});

t.test("the x-stub-fault header fails that request only", async (t) => {
  const app = await build(t);
  const failed = await app.inject({
    url: assignmentsPath,
    headers: { ...auth, "x-stub-fault": "503; retry-after=7; latency=1" },
  });
  t.equal(failed.statusCode, 503);
  t.equal(failed.headers["retry-after"], "7");
  const after = await app.inject({ url: assignmentsPath, headers: auth });
  t.equal(after.statusCode, 200);
});

const badHeader = (value: string) =>
  `The header 'x-stub-fault' is not valid: '${value}'. It takes a status (429, 500, 502, 503 or 504), then optionally '; retry-after=SECONDS' (whole seconds, 0 to 3600, or 'none' for no Retry-After) and '; latency=MS' (whole milliseconds, 0 to 60000).`;

t.test("a fault header that is not plain integers is a 400 and injects nothing", async (t) => {
  const app = await build(t);
  for (const value of [
    "5e2",
    "0x1f4",
    "500.0",
    "+500",
    "teapot",
    "418",
    "429; retry-after=1e-7",
    "429; retry-after=0.5",
    "429; retry-after=-1",
    "429; retry-after=3601",
    "503; retry-after=Infinity",
    "429; latency=1e3",
    "429; latency=60001",
    "429; latency",
    "429; junk",
    "429; retry-after=1=2",
  ]) {
    const res = await app.inject({
      url: assignmentsPath,
      headers: { ...auth, "x-stub-fault": value },
    });
    t.equal(res.statusCode, 400, value);
    t.match(
      res.json(),
      { error: { code: "BadRequest", message: badHeader(value), target: "x-stub-fault" } },
      value,
    );
    t.equal(res.headers["retry-after"], undefined, `${value}: no Retry-After`);
  }
  const after = await app.inject({ url: assignmentsPath, headers: auth });
  t.equal(after.statusCode, 200, "nothing was queued by them");
});

t.test("a 429 or 503 without Retry-After: retry-after=none, or retryAfter null", async (t) => {
  const app = await build(t);
  for (const status of [429, 503]) {
    const res = await app.inject({
      url: assignmentsPath,
      headers: { ...auth, "x-stub-fault": `${status}; retry-after=none` },
    });
    t.equal(res.statusCode, status);
    t.equal(res.headers["retry-after"], undefined);
    t.equal(res.json().error.code, status === 429 ? "TooManyRequests" : "serviceNotAvailable");
  }
  const queued = await app.inject({
    method: "POST",
    url: "/_stub/faults",
    headers: { "content-type": "application/json" },
    payload: { status: 429, retryAfter: null },
  });
  t.equal(queued.statusCode, 204);
  const res = await app.inject({ url: assignmentsPath, headers: auth });
  t.equal(res.statusCode, 429);
  t.equal(res.headers["retry-after"], undefined, "no Retry-After");
  t.match(res.json(), { error: { code: "TooManyRequests", message: "Please retry again later." } });
  const fractional = await app.inject({
    method: "POST",
    url: "/_stub/faults",
    headers: { "content-type": "application/json" },
    payload: { status: 429, retryAfter: 1e-7 },
  });
  t.equal(fractional.statusCode, 400, "a queued Retry-After is whole seconds too");
  t.match(fractional.json(), {
    error: {
      code: "BadRequest",
      message: "The property 'retryAfter' must be of type integer or null, not number.",
    },
  });
});

t.test("parseFaultHeader reads whole numbers and the default Retry-After", async (t) => {
  t.same(parseFaultHeader("429; retry-after=3600; latency=60000", defaultAppOptions), {
    status: 429,
    retryAfter: 3600,
    latencyMs: 60000,
    source: "header",
  });
  t.equal(parseFaultHeader(" 500 ", defaultAppOptions).retryAfter, 2, "--retry-after's default");
});

t.test("injected 500 and 502 are Graph errors too", async (t) => {
  const app = await build(t);
  const five = await app.inject({
    url: assignmentsPath,
    headers: { ...auth, "x-stub-fault": "500" },
  });
  t.match(five.json(), { error: { code: "generalException" } });
});
