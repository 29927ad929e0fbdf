import { expect, test } from "@playwright/test";
import { signIn, signedIn } from "./helpers";

test("a wrong password shows an error and keeps you on the login page", async ({ page }) => {
  await signIn(page, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Wrong e-mail or password.");
  await expect(page).toHaveURL(/\/login$/);
});

test("signing in opens the panel; signing out returns to the login page", async ({ page }) => {
  await page.goto("/containers");
  await expect(page).toHaveURL(/\/login$/);
  await signedIn(page);
  await expect(page.getByRole("heading", { name: "Sites", exact: true })).toBeVisible();
  for (const item of ["Sites", "Runs", "Tasks", "Keys", "Containers", "Settings"]) {
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: item })).toBeVisible();
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);
});
