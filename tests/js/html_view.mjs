// Open the coopkg HTML view in headless Chromium (the system's, driven by playwright-core: no
// browser is downloaded), search for a name, open the first match and report what the page shows.
//
// usage: node tests/js/html_view.mjs VIEW.html SCREENSHOT.png QUERY [EXPECTED_LABEL]
// env:   CHROMIUM  the browser executable (default /usr/bin/chromium)
// prints one JSON object on stdout; exits 1 with a message on stderr when the page fails.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [htmlPath, screenshotPath, query, expected] = process.argv.slice(2);
if (!htmlPath || !screenshotPath || !query) {
  console.error("usage: node html_view.mjs VIEW.html SCREENSHOT.png QUERY [EXPECTED_LABEL]");
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), "coopkg-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  viewport: { width: 1440, height: 900 },
  deviceScaleFactor: 1,
  offline: true,
});

const report = { external: [], errors: [] };
try {
  // The view must need nothing from the network: record and refuse any other request.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) {
      return route.continue();
    }
    report.external.push(url);
    return route.abort();
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on("pageerror", (error) => report.errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") report.errors.push(message.text());
  });

  const started = Date.now();
  await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready=true]", { timeout: 45000 });
  report.layoutMs = Date.now() - started;
  report.title = await page.title();
  report.nodeCount = await page.evaluate(() => window.coopkg.data.nodes.length);
  report.legend = await page.$$eval("#legend span", (spans) => spans.map((s) => s.textContent));
  report.drawnColors = await page.evaluate(() => {
    // distinct node colours actually in the canvas data set
    const colours = new Set(window.coopkg.data.nodes.map((n) => n.color));
    return [...colours].sort();
  });

  // Type the query as a person would, then read the list of matches.
  await page.click("#search");
  await page.keyboard.type(query, { delay: 20 });
  await page.waitForSelector("#results li", { timeout: 5000 });
  report.results = await page.$$eval("#results li", (items) =>
    items.map((li) => ({ id: li.dataset.id, label: li.querySelector(".name").textContent })),
  );
  report.selected = await page.evaluate(() => window.coopkg.network.getSelectedNodes());

  // Open the expected match (or the first one) by clicking it.
  const wanted = report.results.find((r) => r.label === expected) || report.results[0];
  await page.click(`#results li[data-id="${wanted.id}"]`);
  await page.waitForSelector("#details h2", { timeout: 5000 });
  report.details = await page.evaluate(() => ({
    title: document.querySelector("#details h2").textContent,
    id: document.querySelector("#details h2").dataset.id,
    facts: [...document.querySelectorAll("#details .fact")].map((f) => ({
      head: f.querySelector(".head").textContent,
      quotes: [...f.querySelectorAll("blockquote")].map((q) => q.textContent),
      cites: [...f.querySelectorAll("cite")].map((c) => c.textContent),
    })),
  }));
  // Show the whole network beside the card, the chosen node still selected.
  await page.evaluate(() => window.coopkg.network.fit({ animation: false }));
  await page.waitForTimeout(200);
  await page.screenshot({ path: screenshotPath });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report) + "\n");
