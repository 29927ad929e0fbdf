// bench/log-open: a stored 100 MB, 1,000,000-line run log opened in Chromium — time until the last
// screen is shown and the tab's memory — against the floor measured in the same run: the same browser
// opening the same bytes as a plain text file. Targets: < 1 s and < 200 MB.
// Usage: node bench/log-open.mjs [--lines N]
import { chromium } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ensureBuild, prepareDataDir, startPanel, benchEnv } from "./lib/panel.mjs";
import { run, stopService } from "./lib/processes.mjs";

const root = path.resolve(import.meta.dirname, "..");
const linesFlag = process.argv.indexOf("--lines");
const lines = linesFlag > 0 ? Number(process.argv[linesFlag + 1]) : 1_000_000;
if (!Number.isSafeInteger(lines) || lines < 1) throw new Error("--lines takes a positive whole number");
const admin = { email: "bench@slipway.local", password: "bench-password-123" };
const step = (message) => console.log(`· ${message}`);
const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Resident memory of this browser's renderer processes (the tab and its workers), MB. */
function rendererRssMb(userDataDir) {
  let kb = 0;
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "latin1");
      if (!cmdline.includes("--type=renderer") || !cmdline.includes(userDataDir)) continue;
      kb += Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

async function withBrowser(work) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "slipway-bench-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs, viewport: { width: 1280, height: 800 } });
  try {
    return await work(context, userDataDir);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

let panel = null;
let dataDir = null;
const results = {};
try {
  await ensureBuild(root, { rebuildWhenStale: true, step });
  dataDir = await prepareDataDir(root, admin, { step });
  step(`writing a ${lines.toLocaleString("en")}-line run log`);
  const fixture = await run(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "bench/lib/make-log-fixture.ts", dataDir, String(lines)], { cwd: root, env: benchEnv });
  const { runId, bytes } = JSON.parse(fixture.trim().split("\n").pop());
  results.logMb = bytes / 1e6;
  panel = await startPanel(root, dataDir, { step });
  const rawFile = path.join(dataDir, "raw.txt");

  results.panel = await withBrowser(async (context, userDataDir) => {
    const page = await context.newPage();
    await page.goto(`${panel.base}/login`);
    await page.getByLabel("E-mail").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/sites$/);
    const raw = await context.request.get(`${panel.base}/api/runs/${runId}/log`);
    fs.writeFileSync(rawFile, await raw.body());
    step(`opening the run page (${(bytes / 1e6).toFixed(0)} MB log)`);
    const since = performance.now();
    // A finished run opens at the top; the permalink asks for its last line, i.e. the last screen.
    await page.goto(`${panel.base}/runs/${runId}#L${lines}`);
    await page.locator(`[data-testid="log-line"][data-line="${lines}"]`).waitFor({ state: "visible", timeout: 180_000 });
    const lastScreenMs = performance.now() - since;
    await page.waitForTimeout(2_000);
    return { lastScreenMs, rendererMb: rendererRssMb(userDataDir) };
  });

  const p = results.panel;
  console.log(`panel: last screen after ${p.lastScreenMs.toFixed(0)} ms, renderer memory ${p.rendererMb.toFixed(1)} MB`);
  results.baseline = await withBrowser(async (context, userDataDir) => {
    const page = await context.newPage();
    step("baseline: the same bytes as a plain text file (given up after 120 s)");
    const since = performance.now();
    try {
      await page.goto(`file://${rawFile}`, { waitUntil: "load", timeout: 120_000 });
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.getByText(`line ${lines}`, { exact: false }).last().waitFor({ state: "visible", timeout: 60_000 });
      const lastScreenMs = performance.now() - since;
      await page.waitForTimeout(2_000);
      return { lastScreenMs, rendererMb: rendererRssMb(userDataDir) };
    } catch {
      return { lastScreenMs: null, rendererMb: rendererRssMb(userDataDir), note: "did not show the last screen within the time limit" };
    }
  });

  const b = results.baseline;
  const fmt = (v, unit) => (v === null ? "gave up".padStart(12) : `${v.toFixed(unit === "ms" ? 0 : 1).padStart(9)} ${unit}`);
  const row = (name, value, base, unit) => console.log(`${name.padEnd(34)} ${fmt(value, unit)}  ${fmt(base, unit)}  ${base === null ? "     –" : `${(value / base).toFixed(2).padStart(6)}×`}`);
  console.log(`\nlog-open: ${lines.toLocaleString("en")} lines, ${results.logMb.toFixed(1)} MB\n${"".padEnd(34)} ${"panel".padStart(12)}  ${"plain text".padStart(12)}  ratio`);
  row("time until the last screen shows", p.lastScreenMs, b.lastScreenMs, "ms");
  row("tab memory (renderer RSS)", p.rendererMb, b.rendererMb, "MB");
  console.log(`\ntargets: last screen < 1000 ms: ${p.lastScreenMs < 1000 ? "met" : "NOT MET"}; tab memory < 200 MB: ${p.rendererMb < 200 ? "met" : "NOT MET"}`);
  fs.mkdirSync(path.join(root, "bench/results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench/results/log-open.json"), JSON.stringify(results, null, 2));
} catch (error) {
  console.error(`log-open failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
} finally {
  if (panel) await stopService(panel.service);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
