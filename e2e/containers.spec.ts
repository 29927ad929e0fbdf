import { expect, test } from "@playwright/test";
import { docker, e2eRunId, removeE2eContainers, signedIn, navLink } from "./helpers";

test.afterAll(removeE2eContainers);

test("a container started outside the panel appears live and can be stopped from the Containers page", async ({ page }) => {
  await signedIn(page);
  await navLink(page, "Containers").click();
  await expect(page.getByTestId("engine-status")).toHaveText("reachable");

  // Started after the page is open: it must arrive through the live event feed, not a reload.
  const name = `slipway-${e2eRunId}`;
  const container = await docker.createContainer({
    name,
    Image: "slipway/test:latest",
    // PID 1 ignores SIGTERM unless it traps it: trap, so Stop does not wait out the grace period.
    Cmd: ["sh", "-c", "trap 'exit 0' TERM; sleep 300 & wait"],
    Labels: { "slipway.managed": "true", "slipway.test-run": e2eRunId, "slipway.kind": "e2e" },
  });
  await container.start();

  const row = page.getByTestId(`container-${name}`);
  await expect(row.getByTestId("container-state")).toContainText("running");
  await expect(row).toContainText("kind=e2e");

  await row.getByRole("button", { name: `Stop ${name}` }).click();
  await expect(row.getByTestId("container-state")).toContainText("exited");
  expect((await container.inspect()).State.Running).toBe(false);
});
