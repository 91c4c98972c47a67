// Swagger UI in a real browser: headless Debian Chromium driven by playwright-core opens /docs,
// authorizes, runs the seed's example with "Try it out", and reads 201 and the new id.
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import t from "tap";
import { listen } from "../helpers/listen.js";
import { demoConfigurationId } from "../helpers/requests.js";

const executablePath = "/usr/bin/chromium";
/** Screenshots land here (git-ignored), for people and CI artifacts. */
const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const timeout = 20_000;

const missing = !existsSync(executablePath);
if (missing && process.env.CI) throw new Error(`${executablePath} is missing: .ci/run installs it`);

t.test(
  "Swagger UI: Authorize, Try it out with the seed's example → 201 and the new id",
  { skip: missing ? `${executablePath} is not installed (apt-get install -y chromium)` : false },
  async (t) => {
    const { origin, app } = await listen(t);
    const browser = await chromium.launch({
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      timeout,
    });
    t.teardown(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(timeout);
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    mkdirSync(artifacts, { recursive: true });
    const screenshot = `${artifacts}swagger-ui-try-it-out.png`;

    try {
      const docs = await page.goto(`${origin}/docs`, { waitUntil: "domcontentloaded" });
      t.equal(docs?.status(), 200);
      const title = page.locator(".swagger-ui .information-container .title");
      await title.waitFor();
      await page.locator(".opblock").first().waitFor();
      t.match(await title.textContent(), "officeConfiguration", "the page is not blank");

      await page.locator(".auth-wrapper button.authorize").click();
      await page.locator("#auth-bearer-value").fill("swagger-ui-token");
      await page.locator(".dialog-ux .modal-ux .auth-btn-wrapper button.authorize").click();
      await page.locator("button.btn-done").click();

      const operation = page.locator("#operations-assignments-createAssignment");
      t.match(await operation.textContent(), "/officeConfiguration/clientConfigurations/");
      await operation.locator(".opblock-summary-control").click();
      await operation.locator("button.try-out__btn").click();
      // Prefilled from the spec's example: Try it out works without typing.
      t.equal(
        await operation
          .locator('tr[data-param-name="officeClientConfigurationId"][data-param-in="path"] input')
          .inputValue(),
        demoConfigurationId,
      );
      const sent = app.store.countAssignments(demoConfigurationId) ?? 0;
      await operation.locator("button.execute").click();

      const status = operation.locator(
        ".live-responses-table tbody tr.response .response-col_status",
      );
      await status.waitFor();
      t.equal((await status.textContent())?.trim(), "201", "the request succeeded");
      const body = JSON.parse(
        (await operation
          .locator(".live-responses-table .response-col_description .microlight")
          .first()
          .textContent()) ?? "",
      );
      t.match(body, {
        "@odata.type": "#microsoft.graph.officeClientConfigurationAssignment",
        id: /^[0-9a-f-]{36}$/,
        target: { "@odata.type": "microsoft.graph.officeConfigurationAssignmentTarget" },
      });
      t.match(
        await operation.locator(".curl-command").textContent(),
        "Authorization: Bearer swagger-ui-token",
        "the Authorize value was sent",
      );
      const stored = [...(app.store.listAssignments(demoConfigurationId) ?? [])];
      t.equal(stored.length, sent + 1, "the stub stored it");
      t.equal(stored.at(-1)?.id, body.id, "the id on the page is the stored one");
      t.same(pageErrors, [], "no script errors on the page");
    } finally {
      await operationScreenshot(page, screenshot);
    }
    t.ok(existsSync(screenshot), `screenshot saved: ${screenshot}`);
  },
);

async function operationScreenshot(page: import("playwright-core").Page, path: string) {
  const responses = page.locator("#operations-assignments-createAssignment .responses-wrapper");
  if (await responses.count()) await responses.scrollIntoViewIfNeeded();
  await page.screenshot({ path });
}
