// End-to-end walk through the web UI in headless Chromium (playwright-core driving the machine's /usr/bin/chromium),
// against a server that holds the jaffle-shop mesh. WebUiIT runs it and checks what it reports.
//   LINEAGE_URL      the server, e.g. http://localhost:5400
//   SCREENSHOT_DIR   where the screenshots go
//   CHROMIUM         the browser (default /usr/bin/chromium)
// Prints one JSON line with what each view showed; exits 1 when a view did not show what it waited for.
import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const base = process.env.LINEAGE_URL;
const screenshots = process.env.SCREENSHOT_DIR;
const TRINO = "trino://localhost:8085";
// Without the networking flags Chromium keeps calling Google's services, which this closed network cannot reach.
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

if (!base || !screenshots) {
  console.error("set LINEAGE_URL and SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(screenshots, { recursive: true });
const profile = mkdtempSync(path.join(tmpdir(), "lineage-ui-chromium-"));
const report = { pageErrors: [] };
// launchPersistentContext passes the fresh profile as --user-data-dir (launch() refuses that flag in args).
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: FLAGS,
  viewport: { width: 1500, height: 900 },
  timeout: 60_000,
});
try {
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on("pageerror", (error) => report.pageErrors.push(error.message));
  const shot = (name) => page.screenshot({ path: path.join(screenshots, name + ".png") });
  const texts = (selector) => page.locator(selector).allTextContents();

  // The first page: the domain graph, the latest failed runs and the most-read datasets.
  await page.goto(base + "/");
  await page.locator('[data-testid="domain-graph"][data-state="ready"]').waitFor();
  await page.locator('[data-testid="failed-runs"] tbody tr').first().waitFor();
  await page.locator('[data-testid="most-read"] tbody tr').first().waitFor();
  report.homeDomains = await page.locator('[data-testid="domain-list"] tr[data-domain]').evaluateAll(
    (rows) => rows.map((row) => row.dataset.domain));
  report.homeFlows = await page.locator('[data-testid="domain-flows"] tr[data-from]').evaluateAll(
    (rows) => rows.map((row) => row.dataset.from + " -> " + row.dataset.to + " " + row.dataset.paths));
  report.failedRuns = await page.locator('[data-testid="failed-runs"] tbody a[data-node-id]').evaluateAll(
    (links) => links.map((link) => link.dataset.nodeId));
  report.failedErrors = await texts('[data-testid="failed-runs"] .error-message');
  report.mostRead = await page.locator('[data-testid="most-read"] tbody tr').evaluateAll(
    (rows) => rows.map((row) => row.querySelector("a").dataset.nodeId + " "
      + row.querySelector('[data-testid="readers"]').textContent));
  await shot("home");

  // A click on the paymentsdb node of the graph (where the table says it is drawn) lists that domain's datasets.
  const paymentsRow = page.locator('[data-testid="domain-list"] tr[data-domain="paymentsdb"]');
  const position = await paymentsRow.evaluate((row) => ({ x: Number(row.dataset.x), y: Number(row.dataset.y) }));
  await page.getByTestId("domain-graph").click({ position });
  await page.waitForURL(/#\/domain\?name=paymentsdb/);
  await page.locator('[data-testid="domain-datasets"] tbody tr').first().waitFor();
  report.domainName = await page.getByTestId("domain-name").textContent();
  report.domainDatasets = await page.locator('[data-testid="domain-datasets"] tbody a[data-node-id]').evaluateAll(
    (links) => links.map((link) => link.dataset.nodeId));
  report.domainFeeds = await page.locator('[data-testid="domain-feeds"] a').evaluateAll(
    (links) => links.map((link) => link.dataset.domain));
  await shot("domain");
  // A dataset of the domain opens its lineage.
  await page.locator('[data-testid="domain-datasets"] tbody a[data-node-id]').first().click();
  await page.locator('[data-testid="graph"][data-state="ready"]').waitFor();
  report.domainDatasetLineage = await page.getByTestId("focus-name").textContent();

  // Back on the first page, a failed run's job and a most-read dataset open their lineage.
  await page.goto(base + "/");
  await page.locator('[data-testid="failed-runs"] tbody a[data-node-id]').first().click();
  await page.locator('[data-testid="graph"][data-state="ready"]').waitFor();
  report.failedJobLineage = await page.getByTestId("focus-name").textContent();
  await page.goto(base + "/");
  await page.locator('[data-testid="most-read"] tbody a[data-node-id]').first().click();
  await page.locator('[data-testid="graph"][data-state="ready"]').waitFor();
  report.mostReadLineage = await page.getByTestId("focus-name").textContent();

  // Search: dim_customers.
  await page.goto(base + "/");
  await page.getByRole("searchbox", { name: "Search datasets and jobs" }).fill("dim_customers");
  await page.getByRole("button", { name: "Search" }).click();
  const hit = page.locator('[data-testid="search-results"] a', { hasText: "insights.default.dim_customers" });
  await hit.first().waitFor();
  report.search = await texts('[data-testid="search-results"] a');
  await shot("search");

  // Its lineage: upstream, deep enough to reach the three source domains; nodes coloured by domain.
  await hit.first().click();
  await page.locator('[data-testid="graph"][data-state="ready"]').waitFor();
  await page.locator('[data-testid="lineage-controls"] input[name="depth"]').fill("5");
  await page.locator('[data-testid="lineage-controls"] select[name="direction"]').selectOption("upstream");
  await page.locator('[data-testid="lineage-controls"] button[type="submit"]').click();
  await page.waitForURL(/direction=upstream/);
  await page.locator('[data-testid="graph"][data-state="ready"]').waitFor();
  await page.locator('[data-testid="domains"] li[data-domain="paymentsdb"]').waitFor();
  report.focus = await page.getByTestId("focus-name").textContent();
  report.domains = await page.locator('[data-testid="domains"] li').evaluateAll(
    (items) => items.map((item) => item.dataset.domain));
  report.edgeSources = await page.locator('[data-testid="sources"] li').evaluateAll(
    (items) => items.map((item) => item.dataset.source));
  report.graphNodes = await page.locator('[data-testid="node-list"] li').evaluateAll(
    (items) => items.map((item) => item.dataset.nodeId));
  await shot("graph");

  // Expand dim_customers (selected as the focus) to its columns.
  await page.getByTestId("toggle-columns").click();
  await page.getByTestId("toggle-columns").filter({ hasText: "Hide columns" }).waitFor();
  report.fields = await texts('[data-testid="details"] .fields a');
  await page.locator('[data-testid="aliases"] li').first().waitFor();
  report.aliases = await page.locator('[data-testid="aliases"] li').evaluateAll(
    (items) => items.map((item) => item.dataset.alias));
  // And customer_payments, chosen from the node list: the column lineage between the two appears.
  await page.locator(".node-list summary").click();
  await page.locator('[data-testid="node-list"] li', { hasText: "insights.default.customer_payments" })
    .getByRole("button", { name: "Details" }).click();
  await page.getByTestId("details").getByRole("heading", { name: "insights.default.customer_payments" }).waitFor();
  await page.getByTestId("toggle-columns").click();
  await page.getByTestId("toggle-columns").filter({ hasText: "Hide columns" }).waitFor();
  report.columnEdges = Number(await page.getByTestId("column-edges").textContent());
  await shot("graph-columns");

  // The run history of the job that builds dim_customers.
  await page.locator('[data-testid="node-list"] a', { hasText: "model.jaffle_mesh.dim_customers" }).click();
  await page.locator('[data-testid="runs"] tbody tr').first().waitFor();
  report.runStates = await texts('[data-testid="runs"] tbody tr td:nth-child(2)');
  await shot("runs");

  // The impact of paymentsdb.public.payments.amount.
  await page.getByRole("link", { name: "Impact", exact: true }).click();
  await page.locator('[data-testid="impact-form"] input[name="node"]').fill("dataset:" + TRINO + ":paymentsdb.public.payments");
  await page.locator('[data-testid="impact-form"] input[name="column"]').fill("amount");
  await page.getByRole("button", { name: "Show impact" }).click();
  await page.locator('[data-testid="impact-results"] tbody tr').first().waitFor();
  report.impactSubject = await page.getByTestId("impact-subject").textContent();
  report.impacted = await page.locator('[data-testid="impact-results"] tbody a').evaluateAll(
    (links) => links.map((link) => link.dataset.nodeId));
  await shot("impact");

  // The schema-change preview with its example: dropping payments.amount.
  await page.getByRole("link", { name: "Schema change" }).click();
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByTestId("schema-change-summary").waitFor();
  report.schemaChangeSummary = await page.getByTestId("schema-change-summary").textContent();
  await shot("schema-change");
} catch (error) {
  report.error = String(error && error.stack || error);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(report));
process.exit(report.error ? 1 : 0);
