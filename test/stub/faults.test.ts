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

t.test("the x-stub-fault header fails that request only; nonsense is ignored", async (t) => {
  const app = await build(t);
  const failed = await app.inject({
    url: assignmentsPath,
    headers: { ...auth, "x-stub-fault": "503; retry-after=0.5; latency=1" },
  });
  t.equal(failed.statusCode, 503);
  t.equal(failed.headers["retry-after"], "0.5");
  const ignored = await app.inject({
    url: assignmentsPath,
    headers: { ...auth, "x-stub-fault": "teapot" },
  });
  t.equal(ignored.statusCode, 200);
  const after = await app.inject({ url: assignmentsPath, headers: auth });
  t.equal(after.statusCode, 200);
});

t.test("parseFaultHeader keeps values in range and skips bad parameters", async (t) => {
  const fault = parseFaultHeader("429; retry-after=99999; latency=-5; junk", defaultAppOptions);
  t.same(fault, { status: 429, retryAfter: 3600, latencyMs: 0, source: "header" });
  t.equal(parseFaultHeader("500", defaultAppOptions)?.status, 500);
  t.equal(parseFaultHeader("418", defaultAppOptions), undefined);
});

t.test("injected 500 and 502 are Graph errors too", async (t) => {
  const app = await build(t);
  const five = await app.inject({
    url: assignmentsPath,
    headers: { ...auth, "x-stub-fault": "500" },
  });
  t.match(five.json(), { error: { code: "generalException" } });
});
