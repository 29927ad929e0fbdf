import fs from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createServices } from "@/server/services";
import { createTestDb } from "@/server/testing/test-db";
import { testDocker, testRunId } from "@/server/testing/test-docker";
import { createContextInner } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { createSiteRuntime } from "./create-site-runtime";

// The sites API through the real router, audit middleware and SQLite file: validation messages, domain
// uniqueness, and a secret variable that never comes back and is nowhere in the database in plain text.
// (No front server runs here: the publish after a save fails quietly and the save stands.)
const testDb = createTestDb();
const { db, dataDir } = testDb;
const services = createServices({
  db,
  docker: testDocker(),
  dataDir,
  siteRuntime: createSiteRuntime({ dataDir, prefix: `slipway-test-${testRunId}-api`, httpPort: 1, httpsPort: 2 }),
});
const user = { id: "u1", email: "admin@example.com" };
const caller = createCaller(createContextInner(services, { principal: { userId: user.id, email: user.email, via: "token", tokenName: "ci" }, ip: "203.0.113.7" }));
const SECRET = "correct-horse-battery-staple-42";

afterAll(() => testDb.cleanup());

const site = (overrides: Record<string, unknown> = {}) => ({
  name: "shop",
  domains: ["shop.example.com"],
  stack: "nginx-php-fpm" as const,
  source: { url: "ssh://git@git.example.com/team/shop.git", revision: "main" },
  env: [
    { name: "APP_ENV", value: "production" },
    { name: "DB_PASSWORD", value: SECRET, secret: true },
  ],
  ...overrides,
});

/** The input problems a refused call reports, as "path: message" (what the HTTP API's 400 says). */
async function problems(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError) || !(error.cause instanceof ZodError)) throw new Error(`expected a validation error, got ${String(error)}`);
  expect(error.code).toBe("BAD_REQUEST");
  return error.cause.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("sites API", () => {
  it("refuses bad input with a message per field", async () => {
    await db.user.create({ data: { id: user.id, email: user.email, passwordHash: "x" } });
    expect(await problems(caller.sites.create({ ...site(), name: "Shop!", domains: ["not a domain"] } as never))).toEqual([
      "name: Use lower-case letters, digits and '-' (it names the site's folder and containers).",
      "domains.0: Not a valid host name (letters, digits and '-' in dot-separated labels, e.g. shop.example.com).",
    ]);
    expect(await problems(caller.sites.create(site({ webRoot: "../etc" }) as never))).toEqual(['webRoot: The web root is relative to the release and stays inside it (no "..").']);
    expect(await problems(caller.sites.create(site({ stack: "dockerfile" }) as never))).toEqual(["appPort: Say which port the app listens on inside its container."]);
    expect(await db.site.count()).toBe(0);
  });

  it("creates a site; the secret variable is sealed, never returned and not in the database file", async () => {
    const created = await caller.sites.create(site());
    expect(created.env).toEqual([
      { name: "APP_ENV", secret: false, value: "production" },
      { name: "DB_PASSWORD", secret: true, value: null },
    ]);
    expect(JSON.stringify(await caller.sites.get({ siteId: created.id }))).not.toContain(SECRET);
    expect(JSON.stringify(await caller.sites.list())).not.toContain(SECRET);
    const file = fs.readFileSync(path.join(dataDir, "slipway.db"));
    const wal = fs.existsSync(path.join(dataDir, "slipway.db-wal")) ? fs.readFileSync(path.join(dataDir, "slipway.db-wal")) : Buffer.alloc(0);
    expect(file.includes(SECRET) || wal.includes(SECRET)).toBe(false);
    expect(JSON.stringify(await db.auditEvent.findMany())).not.toContain(SECRET);
  });

  it("keeps a secret sent back as null on update, and refuses a domain another site has", async () => {
    const [shop] = await caller.sites.list();
    if (!shop) throw new Error("no site");
    const sealed = (await db.siteEnvVar.findUniqueOrThrow({ where: { siteId_name: { siteId: shop.id, name: "DB_PASSWORD" } } })).valueSealed;
    await caller.sites.update({ siteId: shop.id, site: site({ env: [{ name: "DB_PASSWORD", value: null, secret: true }] }) as never });
    expect((await db.siteEnvVar.findUniqueOrThrow({ where: { siteId_name: { siteId: shop.id, name: "DB_PASSWORD" } } })).valueSealed).toEqual(sealed);
    await expect(caller.sites.create(site({ name: "other", domains: ["www.other.example", "shop.example.com"] }))).rejects.toThrow('shop.example.com already belongs to site "shop".');
    await expect(caller.sites.update({ siteId: shop.id, site: site({ name: "renamed" }) })).rejects.toThrow(/cannot change/);
  });
});
