// Screenshots of the panel's pages in light and dark mode, for docs/screenshots/ and for looking at changes.
// Usage: node scripts/take-screenshots.mjs <base-url> <email> <password> [out-dir]
import { chromium } from "@playwright/test";
import fs from "node:fs";

const [base, email, password, out = "docs/screenshots"] = process.argv.slice(2);
if (!base || !email || !password) {
  console.error("usage: node scripts/take-screenshots.mjs <base-url> <email> <password> [out-dir]");
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const pages = (process.env.PAGES ?? "login,sites,runs,tasks,keys,containers,settings").split(",");
for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
  const page = await context.newPage();
  if (pages.includes("login")) {
    await page.goto(`${base}/login`);
    await page.screenshot({ path: `${out}/login-${scheme}.png` });
  }
  await page.goto(`${base}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/sites$/);
  for (const name of pages.filter((p) => p !== "login")) {
    await page.goto(`${base}/${name}`);
    await page.waitForLoadState("networkidle").catch(() => undefined);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${out}/${name}-${scheme}.png`, fullPage: true });
  }
  await context.close();
}
await browser.close();
console.log(`screenshots written to ${out}/`);
