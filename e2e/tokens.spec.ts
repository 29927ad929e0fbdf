import { expect, test } from "@playwright/test";
import { signedIn, navLink } from "./helpers";

test("create an API token, call the API with it, revoke it", async ({ page, request }) => {
  await signedIn(page);
  await navLink(page, "Settings").click();
  await page.getByLabel("Token name").fill("e2e-script");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-token-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^slw_[A-Za-z0-9_-]{40,}$/);

  const call = () => request.get("/api/trpc/auth.me", { headers: { Authorization: `Bearer ${secret}` } });
  const ok = await call();
  expect(ok.status()).toBe(200);
  expect((await ok.json()).result.data).toMatchObject({ email: "admin@e2e.test", via: "token" });

  const row = page.getByTestId("token-e2e-script");
  await page.reload();
  await expect(row).not.toContainText("never"); // last-used time is shown after the call
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");

  const revoked = await call();
  expect(revoked.status()).toBe(401);
  await expect(page.getByTestId("audit-log")).toContainText("tokens.revoke");
});
