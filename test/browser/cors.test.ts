// A browser app on another origin: a page served from a second loopback port adds the seed's
// assignment to the stub with fetch (a CORS preflight, then the POST with a token) and reads the
// new id and the request-id header. Headless Debian Chromium, driven by playwright-core.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { chromium } from "playwright-core";
import t from "tap";
import { listen } from "../helpers/listen.js";
import { demoConfigurationId, guid, seedRequest } from "../helpers/requests.js";

const executablePath = "/usr/bin/chromium";
const timeout = 20_000;

const missing = !existsSync(executablePath);
if (missing && process.env.CI) throw new Error(`${executablePath} is missing: .ci/run installs it`);

/** The page: it posts the seed's body to the URL in its query and shows what it read. */
const page = `<!doctype html><title>app</title><pre id="out">…</pre><script>
const url = new URLSearchParams(location.search).get("stub");
fetch(url, {
  method: "POST",
  headers: { Authorization: "Bearer browser-token", "Content-Type": "application/json", "client-request-id": "from-the-page" },
  body: JSON.stringify(${JSON.stringify(seedRequest)}),
}).then(async (res) => {
  const body = await res.json();
  document.getElementById("out").textContent = JSON.stringify({
    status: res.status,
    id: body.id,
    requestId: res.headers.get("request-id"),
    clientRequestId: res.headers.get("client-request-id"),
    location: res.headers.get("location"),
  });
}, (error) => { document.getElementById("out").textContent = JSON.stringify({ error: String(error) }); });
</script>`;

t.test(
  "a page on another origin adds an assignment with fetch and reads its id and request-id",
  { skip: missing ? `${executablePath} is not installed (apt-get install -y chromium)` : false },
  async (t) => {
    const { origin, app } = await listen(t);
    const appServer = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    });
    await new Promise<void>((resolve) => appServer.listen(0, "127.0.0.1", resolve));
    t.teardown(() => new Promise((resolve) => appServer.close(resolve)));
    const address = appServer.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const appOrigin = `http://127.0.0.1:${port}`;
    t.not(appOrigin, origin, "two origins");

    const browser = await chromium.launch({
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      timeout,
    });
    t.teardown(() => browser.close());
    const tab = await browser.newPage();
    tab.setDefaultTimeout(timeout);
    const stub = `${origin}/beta/officeConfiguration/clientConfigurations/${demoConfigurationId}/assignments`;
    // Authorization and client-request-id make Chromium send a preflight first: without the
    // stub's CORS answer, fetch rejects and the page shows the error instead.
    await tab.goto(`${appOrigin}/?stub=${encodeURIComponent(stub)}`);
    await tab.locator("#out").filter({ hasText: "{" }).waitFor();
    const seen = JSON.parse((await tab.locator("#out").textContent()) ?? "{}");
    const [stored] = [...(app.store.listAssignments(demoConfigurationId) ?? [])];
    t.match(seen, {
      status: 201,
      id: stored?.id,
      requestId: guid,
      clientRequestId: "from-the-page",
      location: new RegExp(`${stored?.id}`),
    });
    t.ok(stored, "the stub stored it");
  },
);
