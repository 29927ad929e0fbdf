import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
// One id for everything this e2e run creates; set here so the panel and the test workers share it.
process.env.E2E_RUN_ID ??= `e2e${Date.now().toString(36)}`;
/** The test git host's network (server/testing/git-host.ts names it): run containers join it to reach the host. */
export const e2eGitNetwork = `slipway-test-${process.env.E2E_RUN_ID}-git-host-e2e-net`;
/** The e2e panel's Docker names (front server, networks, site containers) and its front server's ports. */
export const e2eDockerPrefix = `slipway-test-${process.env.E2E_RUN_ID}`;
process.env.E2E_FRONT_HTTP_PORT ??= String(20_000 + Math.floor(Math.random() * 20_000));
process.env.E2E_FRONT_HTTPS_PORT ??= String(Number(process.env.E2E_FRONT_HTTP_PORT) + 1);
import { e2eAdmin } from "./e2e/admin";

// Debian's chromium (Playwright cannot download its own browsers here), headless, no background traffic.
const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: ".reports/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // The real built panel on a fresh data directory, started the way `./slipway run` starts it.
  webServer: {
    command: "bash e2e/start-panel.sh",
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    // SIGTERM, so e2e/start-panel.sh can remove what the panel made (front server, site containers, its data dir).
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // NODE_OPTIONS cleared: the test runner itself runs with --conditions=react-server (to use server test helpers).
    env: { E2E_PORT: String(port), E2E_ADMIN_EMAIL: e2eAdmin.email, E2E_ADMIN_PASSWORD: e2eAdmin.password, SLIPWAY_RUN_NETWORK: e2eGitNetwork,
      SLIPWAY_DOCKER_PREFIX: e2eDockerPrefix,
      SLIPWAY_FRONT_HTTP_PORT: process.env.E2E_FRONT_HTTP_PORT,
      SLIPWAY_FRONT_HTTPS_PORT: process.env.E2E_FRONT_HTTPS_PORT,
      SLIPWAY_FRONT_BIND: "127.0.0.1",
      NODE_OPTIONS: "",
    },
  },
});
