// The /_stub controls in a real browser: Swagger UI (the stub's own origin) resets the stub with
// the body it prefills, and a page of another origin cannot, even with a `no-cors` simple request
// that sends no preflight.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium } from "playwright-core";
import t from "tap";
import { listen } from "../helpers/listen.js";
import { assignmentsPath, demoConfigurationId, json, seedRequest } from "../helpers/requests.js";

const executablePath = "/usr/bin/chromium";
const timeout = 20_000;
const missing = !existsSync(executablePath);
if (missing && process.env.CI) throw new Error(`${executablePath} is missing: .ci/run installs it`);
const skip = missing ? `${executablePath} is not installed (apt-get install -y chromium)` : false;

async function launch(t: { teardown(fn: () => unknown): void }): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    timeout,
  });
  t.teardown(() => browser.close());
  return browser;
}

/** A stub on a free port, and the statuses its log shows for POST /_stub/reset, in order. */
async function stubWithResetLog(t: { teardown(fn: () => unknown): void }) {
  const statuses: number[] = [];
  const logStream = {
    write(line: string) {
      const { url, statusCode } = JSON.parse(line);
      if (url === "/_stub/reset") statuses.push(statusCode);
    },
  };
  return { ...(await listen(t, { logLevel: "info", logStream })), statuses };
}

t.test(
  "Swagger UI resets the stub with its prefilled body → 204, back to the fixtures",
  { skip },
  async (t) => {
    const { origin, app, statuses } = await stubWithResetLog(t);
    await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload: seedRequest });
    t.equal(app.store.countAssignments(demoConfigurationId), 1, "a write to undo");
    const page = await (await launch(t)).newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(timeout);
    await page.goto(`${origin}/docs`, { waitUntil: "domcontentloaded" });
    const operation = page.locator("#operations-stub-resetStub");
    await operation.locator(".opblock-summary-control").click();
    await operation.locator("button.try-out__btn").click();
    t.equal(
      (await operation.locator("textarea.body-param__text").inputValue()).trim(),
      "{}",
      "the prefilled body is {}",
    );
    await operation.locator("button.execute").click();
    const status = operation.locator(
      ".live-responses-table tbody tr.response .response-col_status",
    );
    await status.waitFor();
    t.equal((await status.textContent())?.trim(), "204", "Swagger UI shows 204");
    t.same(statuses, [204], "the stub answered the page's request");
    t.equal(app.store.countAssignments(demoConfigurationId), 0, "back to the start fixtures");
  },
);

t.test(
  "a page of another origin cannot reset the stub, not even with no-cors",
  { skip },
  async (t) => {
    const { origin, app, statuses } = await stubWithResetLog(t);
    await app.inject({ method: "POST", url: assignmentsPath, headers: json, payload: seedRequest });
    // The other origin: another port on 127.0.0.1 serving one empty page.
    const other = createServer((_request, response) => {
      response
        .writeHead(200, { "content-type": "text/html" })
        .end("<!doctype html><title>other</title>");
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    t.teardown(() => new Promise((resolve) => other.close(resolve)));
    const page = await (await launch(t)).newPage();
    page.setDefaultTimeout(timeout);
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    const outcomes = await page.evaluate(async (url) => {
      const simple = await fetch(`${url}/_stub/reset`, { method: "POST", mode: "no-cors" });
      const form = await fetch(`${url}/_stub/reset`, {
        method: "POST",
        mode: "no-cors",
        headers: { "content-type": "text/plain" },
        body: "{}",
      });
      return [simple.type, form.type];
    }, origin);
    t.same(outcomes, ["opaque", "opaque"], "the page learns nothing from the replies");
    t.same(statuses, [403, 403], "both requests reached the stub and were refused");
    t.equal(app.store.countAssignments(demoConfigurationId), 1, "nothing was reset");
  },
);
