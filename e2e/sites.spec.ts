import { expect, test } from "@playwright/test";
import { dockerPortFor } from "@/server/docker/port";
import { GitHost } from "@/server/testing/git-host";
import { docker, e2eRunId, navLink, signedIn } from "./helpers";

// A PHP site from the test git host, created in the form, deployed, opened through the real front server
// (the browser resolves the site's domain to the loopback), redeployed, and rolled back from its page.
const gitHost = new GitHost(dockerPortFor(undefined), { runId: e2eRunId, suffix: "e2e" });
const siteName = `shop-${e2eRunId.slice(-6)}`;
const domain = `${siteName}.e2e.test`;
const frontPort = Number(process.env.E2E_FRONT_HTTP_PORT);
const page = (version: string) => `<?php echo "<h1>Shop ${version}</h1><p>served by " . PHP_SAPI . "</p>";\n`;

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", `--host-resolver-rules=MAP *.e2e.test 127.0.0.1`],
  },
});

test.beforeAll(async () => {
  await gitHost.start();
  await gitHost.createRepo("shop", { "public/index.php": page("v1") });
});

// The panel's front server, site containers and networks (all named with its prefix) go when it stops
// (e2e/start-panel.sh); the deploys' run containers and the worktree volume go here.
test.afterAll(async () => {
  const runs = await docker.listContainers({ all: true, filters: { label: ["slipway.kind=run"] } });
  const mine = runs.filter((c) => c.Names.some((n) => n.startsWith(`/slipway-site-${siteName}-`)));
  await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  await gitHost.stop();
  const volumes = (await docker.listVolumes({ filters: { label: [`slipway.owner-name=site-${siteName}`] } })).Volumes ?? [];
  await Promise.all(volumes.map((v) => docker.getVolume(v.Name).remove().catch(() => undefined)));
});

test("create a PHP site, deploy it, open it through the front server, roll back", async ({ page: browser }) => {
  test.setTimeout(180_000);
  await signedIn(browser);

  // A deploy key registered on the git host.
  await navLink(browser, "Keys").click();
  await browser.getByLabel("Name").fill(`site-key-${e2eRunId}`);
  await browser.getByRole("button", { name: "Generate key" }).click();
  const publicKey = (await browser.getByTestId(`key-site-key-${e2eRunId}`).getByTestId("key-public").textContent())?.trim() ?? "";
  await gitHost.authorizeKey(publicKey);

  // The site, through the form: a bad domain first (the form says so), then the real one.
  await navLink(browser, "Sites").click();
  await browser.getByRole("link", { name: "Add a site" }).first().click();
  await browser.getByLabel("Name").fill(siteName);
  await browser.getByLabel("Primary domain").fill("not a domain");
  await browser.getByTestId("stack-nginx-php-fpm").click();
  await browser.getByLabel("SSH URL").fill(gitHost.sshUrl("shop"));
  await browser.getByLabel("Deploy key").selectOption({ label: `site-key-${e2eRunId}` });
  await browser.getByLabel("Web root").fill("public");
  await browser.getByTestId("site-save").click();
  await expect(browser.getByTestId("error-site-domain")).toContainText("host name");
  await browser.getByLabel("Primary domain").fill(domain);
  await browser.getByTestId("site-save").click();
  await expect(browser).toHaveURL(/\/sites\/[a-z0-9]+$/);

  // Deploy: the steps and the live log, then the site through the front server.
  await browser.getByTestId("deploy-button").click();
  const live = browser.getByTestId("live-deploy");
  await expect(live).toBeVisible();
  await expect(browser.getByTestId("release-row-1")).toHaveAttribute("data-status", "active", { timeout: 90_000 });
  await expect(browser.getByTestId("site-name").getByTestId("front-status")).toHaveAttribute("data-status", "ok");
  const site = await browser.context().newPage();
  await site.goto(`http://${domain}:${frontPort}/`);
  await expect(site.getByRole("heading", { name: "Shop v1" })).toBeVisible();
  await expect(site.getByText("served by fpm-fcgi")).toBeVisible();

  // A second release, then back to the first from the page.
  await gitHost.commit("shop", { "public/index.php": page("v2") }, "v2");
  await browser.getByTestId("deploy-button").click();
  await expect(browser.getByTestId("release-row-2")).toHaveAttribute("data-status", "active", { timeout: 90_000 });
  await site.reload();
  await expect(site.getByRole("heading", { name: "Shop v2" })).toBeVisible();

  browser.once("dialog", (dialog) => void dialog.accept());
  await browser.getByTestId("rollback-1").click();
  await expect(browser.getByTestId("release-row-1")).toHaveAttribute("data-status", "active", { timeout: 60_000 });
  await expect(browser.getByTestId("release-row-2")).toHaveAttribute("data-status", "bad");
  await site.reload();
  await expect(site.getByRole("heading", { name: "Shop v1" })).toBeVisible();
});
