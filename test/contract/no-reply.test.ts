// The checker never passes a server that gives no reply: a refused, reset, closed or timed-out
// request fails its case (every kind) with the cause, and a target that does not answer at all
// stops the run with exit 2.
import t from "tap";
import { main } from "../../src/contract/cli.js";
import { describeFailure, NoReply, send } from "../../src/contract/http.js";
import { runContract } from "../../src/contract/run.js";
import { capture, check } from "../helpers/contract-cli.js";
import { downOrigin, listen } from "../helpers/listen.js";
import { brokenProxy, type Exchange } from "../helpers/proxy.js";
import { demoConfigurationId } from "../helpers/requests.js";

const keep = (exchange: Exchange) => exchange;

t.test("nothing listening: the cause in at most 5 lines, nothing checked, exit 2", async (t) => {
  const down = await downOrigin();
  const { code, output, errors } = await check(`${down}/beta`);
  t.equal(code, 2);
  const lines = `${output}${errors}`.trimEnd().split("\n");
  t.ok(lines.length <= 5, `${lines.length} lines`, { lines });
  t.equal(output, `Checking ${down}/beta against openapi.yaml\n`, "no case ran, none passed");
  t.match(
    errors,
    `No reply from ${down}/beta: connection refused: nothing listens there (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:`,
  );
  t.match(errors, "Nothing was checked: is the server running, and is this its address?");
  t.notMatch(errors, "hint:", "the URL has /beta");

  const report = await runContract({ baseUrl: `${down}/beta`, seed: 1, cases: 1 });
  t.same(report.results, []);
  t.match(report.unreachable, /^connection refused: .*ECONNREFUSED/);
});

t.test("a base URL without /beta gets a hint", async (t) => {
  const { origin } = await listen(t);
  const { code, errors } = await check(origin, ["--operation", "getOfficeConfiguration"]);
  t.equal(code, 1, "every request is a 404");
  t.match(
    errors,
    `hint: ${origin} does not end in /beta; the service root is …/beta, e.g. http://127.0.0.1:3000/beta`,
  );
  const down = await check(await downOrigin());
  t.equal(down.code, 2);
  t.match(down.errors, /hint: .* does not end in \/beta/);
  t.ok(down.errors.trimEnd().split("\n").length <= 4, "still at most 5 lines with the hint");
});

t.test(
  "connections destroyed for some updatePriorities bodies: its generated case fails, exit 1",
  async (t) => {
    const { origin } = await listen(t);
    // The spec's example ('nothing') passes; generated bodies with ids get no reply.
    const proxy = await brokenProxy(t, origin, keep, (method, url, body) =>
      method === "POST" && url.endsWith("/updatePriorities") && body.includes('Ids":["')
        ? "destroy"
        : undefined,
    );
    const { code, output } = await check(`${proxy}/beta`);
    t.equal(code, 1);
    t.match(output, "PASS example   updatePriorities: example 'nothing' (204)");
    t.match(
      output,
      /FAIL generated updatePriorities: 10 bodies generated from the schema \[seed 42; failed at body \d+ of 10, shrunk 0 times\]\n {7}- no reply to POST http:\/\/127\.0\.0\.1:\d+\/beta\/officeConfiguration\/clientConfigurations\/updatePriorities: connection closed by the server before a complete reply \(UND_ERR_SOCKET: other side closed\)\n {7}rerun: curl -i -X POST /,
    );
    t.match(output, "PASS generated createClientConfiguration", "the run went on");
    t.match(output, /\d+ cases: \d+ passed, 1 failed \(CONTRACT VIOLATED\)/);
  },
);

t.test("a reset connection fails every kind of case, each with its cause", async (t) => {
  const { origin } = await listen(t);
  const proxy = await brokenProxy(t, origin, keep, (method, url) =>
    method === "POST" && url.endsWith("/assignments") ? "reset" : undefined,
  );
  const { code, output } = await check(`${proxy}/beta`, [
    "--operation",
    "createAssignment",
    "--param",
    `officeClientConfigurationId=${demoConfigurationId}`,
  ]);
  t.equal(code, 1);
  t.notMatch(output, /^PASS/m, "no case passes");
  const cause = "connection reset by the server (ECONNRESET: read ECONNRESET)";
  for (const kind of ["example  ", "negative ", "stateful ", "generated"]) {
    t.match(
      output,
      new RegExp(`^FAIL ${kind} createAssignment: .*\\n {7}- no reply to POST `, "m"),
    );
  }
  t.equal(output.split(cause).length - 1, output.match(/^FAIL/gm)?.length, "each names ECONNRESET");
});

t.test("a server that never answers: each request times out after --timeout", async (t) => {
  const { origin } = await listen(t);
  const proxy = await brokenProxy(t, origin, keep, (method, url) =>
    method === "POST" && url.endsWith("/updatePriorities") ? "hang" : undefined,
  );
  const { code, output } = await check(`${proxy}/beta`, [
    "--operation",
    "updatePriorities",
    "--cases",
    "1",
    "--timeout",
    "200",
  ]);
  t.equal(code, 1);
  t.match(output, "FAIL example   updatePriorities: example 'nothing'\n       - no reply to POST ");
  t.match(output, "/updatePriorities: timeout: no complete reply within 200 ms");
  t.match(output, "FAIL generated updatePriorities: 1 bodies generated from the schema");
  t.notMatch(output, /^PASS/m);

  const io = capture();
  t.equal(await main(["--base-url", "http://x/beta", "--timeout", "0"], io), 2);
  t.match(io.err(), "--timeout must be an integer from 1 to 600000 (got '0')");
  t.match(
    io.err(),
    "--timeout <ms>       how long one request may take, headers and body (default 30000)",
  );
});

t.test("a target that goes down during the run: the run stops there, exit 2", async (t) => {
  const { app, baseUrl } = await listen(t);
  const io = capture();
  let closing = false;
  const code = await main(["--base-url", baseUrl, "--seed", "3", "--cases", "2"], {
    ...io,
    stdout: (text) => {
      io.stdout(text);
      // Once the negative cases begin the server closes: what the examples created stays.
      if (!closing && text.startsWith("PASS negative")) {
        closing = true;
        void app.close();
      }
    },
  });
  t.equal(code, 2);
  t.match(io.out(), /^FAIL negative .*\n {7}- no reply to /m);
  t.match(io.err(), /No reply from .*: connection refused: nothing listens there/);
  t.match(
    io.err(),
    /The target stopped answering after \d+ cases \(\d+ failed\); the run stopped there\./,
  );
  t.match(
    io.out(),
    /Created \d+ entities on the target; \d+ left there:\n {2}http:\/\/127\.0\.0\.1:\d+\/beta\/officeConfiguration\/clientConfigurations\/[^ ]+ \(createClientConfiguration; the target stopped answering\)/,
  );
});

t.test("describeFailure: the root cause of what fetch throws", async (t) => {
  const request = { method: "GET", url: "http://127.0.0.1:1/", headers: {} };
  const failed = await send(request, fetch).catch((error: unknown) => error);
  t.type(failed, NoReply);
  t.match((failed as NoReply).reason, "bad port: fetch never connects to this port");
  const thrown = (value: unknown) => () => Promise.reject(value);
  const notAnError = await send(request, thrown("boom")).catch((error: NoReply) => error.reason);
  t.equal(notAnError, "boom");
  const aggregate = new TypeError("fetch failed", {
    cause: new AggregateError([
      Object.assign(new Error("connect EHOSTUNREACH"), { code: "EHOSTUNREACH" }),
    ]),
  });
  t.equal(describeFailure(aggregate, 5), "host unreachable (EHOSTUNREACH: connect EHOSTUNREACH)");
  const odd = Object.assign(new Error("x"), { code: "EODD" });
  t.equal(describeFailure(odd, 5), "EODD (EODD: x)");
  t.equal(describeFailure(new Error("plain"), 5), "plain");
});
