// Loads a page in headless Chromium, runs axe-core (WCAG 2.1 A and AA) on it,
// walks it with the Tab key, and prints one JSON object on stdout.
//   node axe_check.mjs URL [--screenshot FILE.png]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [url, ...rest] = process.argv.slice(2);
const shotAt = rest.indexOf("--screenshot");
const screenshot = shotAt >= 0 ? rest[shotAt + 1] : null;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const offsite = [];
  page.on("request", (request) => {
    const target = request.url();
    if (!target.startsWith(new URL(url).origin) && !target.startsWith("data:")) offsite.push(target);
  });
  await page.goto(url, { waitUntil: "load" });
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }),
  );
  // Keyboard: every link and control is reached with Tab, and shows where focus is.
  const focusables = await page.evaluate(
    () => document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]").length,
  );
  const reached = [];
  for (let i = 0; i < focusables + 1; i++) {
    await page.keyboard.press("Tab");
    const seen = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(),
        text: (el.textContent || "").trim().slice(0, 60),
        outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
      };
    });
    if (seen) reached.push(seen);
  }
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: false });
  console.log(
    JSON.stringify({
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      })),
      passes: results.passes.length,
      focusables,
      reached,
      offsite,
    }),
  );
} finally {
  await browser.close();
}
