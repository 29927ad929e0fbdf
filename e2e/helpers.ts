import { expect, type Page } from "@playwright/test";
import Docker from "dockerode";
import { e2eAdmin } from "./admin";

export { e2eAdmin };

/** Labels everything this e2e run creates, so cleanup removes exactly that. */
export const e2eRunId = process.env.E2E_RUN_ID ?? `e2e${Date.now().toString(36)}`;

export async function signIn(page: Page, password = e2eAdmin.password) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(e2eAdmin.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signedIn(page: Page) {
  await signIn(page);
  await expect(page).toHaveURL(/\/sites$/);
}

/** The test's own Docker access (dockerode directly: this is test code, not the product). */
export const docker = new Docker({ socketPath: "/var/run/docker.sock" });

export async function removeE2eContainers() {
  const mine = await docker.listContainers({ all: true, filters: { label: [`slipway.test-run=${e2eRunId}`] } });
  await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true })));
}

export function navLink(page: Page, name: string) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link", { name });
}
