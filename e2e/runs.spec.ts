import { expect, test } from "@playwright/test";
import { dockerPortFor } from "@/server/docker/port";
import { GitHost } from "@/server/testing/git-host";
import { docker, e2eRunId, navLink, signedIn } from "./helpers";

// A real git host over SSH on the network the e2e panel's run containers join (playwright.config.ts).
const gitHost = new GitHost(dockerPortFor(undefined), { runId: e2eRunId, suffix: "e2e" });
const taskName = `e2e-progress-${e2eRunId}`;

// Coloured output, a progress bar redrawn with \r, then a counter slow enough to reload the page in between.
const script = [
  'printf "\\033[1;32mbuilding\\033[0m with \\033[38;5;208mcolour\\033[0m\\n"',
  'for p in 0 25 50 75 100; do printf "\\r[%-10s] %3d%%" "$(printf "%*s" $((p / 10)) "" | tr " " "#")" $p; sleep 0.1; done; echo',
  "i=1; while [ $i -le 40 ]; do echo \"count $i\"; i=$((i+1)); sleep 0.1; done",
].join("\n");

test.beforeAll(async () => {
  await gitHost.start();
  await gitHost.createRepo("demo", { "progress.sh": `${script}\n`, "README.md": "# demo\n" });
});

test.afterAll(async () => {
  const theirs = await docker.listContainers({ all: true, filters: { network: [gitHost.network] } });
  await Promise.all(theirs.filter((c) => c.Labels["slipway.kind"] === "run").map((c) => docker.getContainer(c.Id).remove({ force: true })));
  await gitHost.stop();
  const volumes = (await docker.listVolumes({ filters: { label: [`slipway.owner-name=${taskName}`] } })).Volumes ?? [];
  await Promise.all(volumes.map((v) => docker.getVolume(v.Name).remove()));
});

test("deploy key → task → live run with colours and a finished progress bar → reload without a gap", async ({ page }) => {
  await signedIn(page);

  // A deploy key, registered on the git host through its public half as the page shows it.
  await navLink(page, "Keys").click();
  await page.getByLabel("Name").fill(`e2e-key-${e2eRunId}`);
  await page.getByRole("button", { name: "Generate key" }).click();
  const card = page.getByTestId(`key-e2e-key-${e2eRunId}`);
  const publicKey = (await card.getByTestId("key-public").textContent())?.trim() ?? "";
  expect(publicKey).toMatch(/^ssh-ed25519 /);
  await expect(card.getByTestId("key-fingerprint")).toContainText("SHA256:");
  await gitHost.authorizeKey(publicKey);

  // A task that checks out the repository with that key.
  await navLink(page, "Tasks").click();
  await page.getByRole("button", { name: "New task" }).click();
  await page.getByLabel("Name").fill(taskName);
  await page.getByLabel("Image").fill("slipway/test:latest");
  await page.getByLabel("Command").fill("sh progress.sh");
  await page.getByRole("button", { name: "Add repository" }).click();
  await page.getByLabel("SSH URL").fill(gitHost.sshUrl("demo"));
  await page.getByLabel("Deploy key").selectOption({ label: `e2e-key-${e2eRunId}` });
  await page.getByRole("button", { name: "Create task" }).click();
  await page.getByTestId(`task-${taskName}`).getByRole("button", { name: `Run ${taskName}` }).click();

  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  const viewer = page.getByTestId("log-viewer");
  const line = (text: string | RegExp) => viewer.getByTestId("log-line").filter({ hasText: text });
  await expect(line("building with colour")).toBeVisible({ timeout: 30_000 });
  // The colours are rendered, not printed as escape codes.
  const green = line("building").locator("span", { hasText: "building" }).first();
  expect(await green.evaluate((el) => getComputedStyle(el).fontWeight)).toBe("700");
  await expect(viewer).not.toContainText("[0m");
  // The progress bar ends as a terminal shows it: one line, in its final state.
  await expect(line("[##########] 100%")).toHaveCount(1);
  await expect(line("[#####     ]  50%")).toHaveCount(0);

  // Reload mid-run: the log continues from the start with nothing missing or doubled.
  await expect(line(/^count 5$/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("run-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await page.getByTestId("log-search").fill("count ");
  await expect(page.getByTestId("log-search-count")).toContainText("40");
  await expect(page.getByTestId("step-0")).toContainText("succeeded");
});

test("cancel a running run", async ({ page }) => {
  await signedIn(page);
  await navLink(page, "Tasks").click();
  await page.getByRole("button", { name: "New task" }).click();
  await page.getByLabel("Name").fill(`e2e-sleep-${e2eRunId}`);
  await page.getByLabel("Image").fill("slipway/test:latest");
  await page.getByLabel("Command").fill("echo started; sleep 300");
  await page.getByRole("button", { name: "Create task" }).click();
  await page.getByTestId(`task-e2e-sleep-${e2eRunId}`).getByRole("button", { name: `Run e2e-sleep-${e2eRunId}` }).click();
  await expect(page.getByTestId("log-viewer").getByTestId("log-line").filter({ hasText: "started" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("run-status").first()).toHaveAttribute("data-status", "cancelled", { timeout: 20_000 });
});
