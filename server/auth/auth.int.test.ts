import fs from "node:fs";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "@/server/services";
import { createTestDb } from "@/server/testing/test-db";
import { testDocker } from "@/server/testing/test-docker";
import { createContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { ensureAdmin } from "./ensure-admin";

const ADMIN_EMAIL = "admin@example.com";
const ADMIN_PASSWORD = "correct horse battery staple";
const IP = "203.0.113.7";

const testDb = createTestDb();
const { db } = testDb;
const services = createServices({ db, docker: testDocker(), dataDir: testDb.dataDir });

interface TrpcError {
  error: { message: string; data: { code: string; httpStatus: number; path?: string; appCode: string | null; stack?: string } };
}
interface TrpcResult<T> {
  result: { data: T };
}
interface Reply<T> {
  status: number;
  headers: Headers;
  body: TrpcResult<T> & TrpcError;
  data: T;
  error: TrpcError["error"];
}

interface CallOptions {
  input?: unknown;
  /** Raw request body, for bodies that are not JSON. */
  rawBody?: string;
  cookie?: string;
  token?: string;
  ip?: string;
  url?: string;
  with?: Services;
}

/** One HTTP request through the same handler the panel's /api/trpc route uses. */
async function call<T = unknown>(kind: "query" | "mutation", path: string, options: CallOptions = {}): Promise<Reply<T>> {
  const base = options.url ?? "http://panel.test";
  const headers = new Headers({ "x-slipway-peer": options.ip ?? IP, "user-agent": "vitest" });
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let req: Request;
  if (kind === "query") {
    const query = options.input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(options.input))}`;
    req = new Request(`${base}/api/trpc/${path}${query}`, { method: "GET", headers });
  } else {
    headers.set("content-type", "application/json");
    const body = options.rawBody ?? (options.input === undefined ? undefined : JSON.stringify(options.input));
    req = new Request(`${base}/api/trpc/${path}`, { method: "POST", headers, body });
  }
  const shared = options.with ?? services;
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext(shared, req, resHeaders),
  });
  const body = (await res.json()) as TrpcResult<T> & TrpcError;
  return { status: res.status, headers: res.headers, body, data: body.result?.data, error: body.error };
}

const login = (password: string, options: CallOptions = {}) =>
  call<{ user: { id: string; email: string } }>("mutation", "auth.login", { input: { email: ADMIN_EMAIL, password }, ...options });

/** The `name=value` part of the session cookie a response set. */
function sessionCookieOf(reply: Reply<unknown>): string {
  const setCookie = reply.headers.get("set-cookie") ?? "";
  const pair = setCookie.split(";")[0] ?? "";
  expect(pair).toMatch(/^slipway_session=sws_[A-Za-z0-9_-]{43}$/);
  return pair;
}

let adminId = "";

beforeAll(async () => {
  const created = await ensureAdmin(db, { email: " Admin@Example.com ", password: ADMIN_PASSWORD, dataDir: testDb.dataDir });
  expect(created).toMatchObject({ created: true, email: ADMIN_EMAIL, password: null, passwordFile: null });
  adminId = (await db.user.findUniqueOrThrow({ where: { email: ADMIN_EMAIL } })).id;
});

afterAll(async () => {
  await testDb.cleanup();
});

describe("sign-in and API tokens over the tRPC HTTP handler", () => {
  it("creates the admin only once", async () => {
    expect(await ensureAdmin(db, { email: "someone@example.com", password: "another password", dataDir: testDb.dataDir })).toEqual({ created: false });
    expect(await db.user.count()).toBe(1);
  });

  it("answers 401 to a caller who is not signed in", async () => {
    const reply = await call("query", "auth.me");
    expect(reply.status).toBe(401);
    expect(reply.error.message).toBe("Sign in or send an API token (Authorization: Bearer …).");
    expect(reply.error.data.code).toBe("UNAUTHORIZED");
  });

  it("answers bad input with 400 and a message a person can read", async () => {
    const reply = await call("mutation", "auth.login", { input: { email: "not-an-address", password: "" } });
    expect(reply.status).toBe(400);
    expect(reply.error.message).toBe("email: Enter a valid e-mail address.\npassword: Enter your password.");
    expect(reply.error.data.stack).toBeUndefined();

    const garbage = await call("mutation", "auth.login", { rawBody: "{not json" });
    expect(garbage.status).toBe(400);
    expect(garbage.error.message).not.toMatch(/Internal error/);
  });

  it("rejects a wrong password, and an unknown account, with the same 401", async () => {
    const wrong = await login("not the password", { with: createServices({ db, docker: services.docker, dataDir: testDb.dataDir }) });
    expect(wrong.status).toBe(401);
    expect(wrong.error.message).toBe("Wrong e-mail or password.");
    expect(wrong.error.data.appCode).toBe("INVALID_CREDENTIALS");
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const unknown = await call("mutation", "auth.login", { input: { email: "nobody@example.com", password: ADMIN_PASSWORD } });
    expect(unknown.status).toBe(401);
    expect(unknown.error.message).toBe("Wrong e-mail or password.");
  });

  it("locks an account after 5 wrong passwords: the 6th attempt fails with 429 even with the right password", async () => {
    // A limiter of its own, so the other tests' sign-ins are not affected.
    const isolated = createServices({ db, docker: services.docker, dataDir: testDb.dataDir });
    for (let attempt = 1; attempt <= 5; attempt++) {
      // From a different address each time: the limit is on the account, not only the IP.
      const reply = await login(`guess ${attempt}`, { with: isolated, ip: `198.51.100.${attempt}` });
      expect(reply.status).toBe(401);
    }
    const locked = await login(ADMIN_PASSWORD, { with: isolated, ip: "198.51.100.99" });
    expect(locked.status).toBe(429);
    expect(locked.error.message).toMatch(/^Too many failed sign-in attempts\. Try again in 15 minutes\.$/);
    expect(locked.headers.get("set-cookie")).toBeNull();

    const audit = await db.auditEvent.findFirst({ where: { ip: "198.51.100.99" } });
    expect(audit).toMatchObject({ actor: ADMIN_EMAIL, action: "auth.login", outcome: "error", detail: "rate limited", actorId: null });
  });

  let cookie = "";

  it("signs in with an HttpOnly, SameSite=Lax session cookie that authenticates later requests", async () => {
    const reply = await login(ADMIN_PASSWORD);
    expect(reply.status).toBe(200);
    expect(reply.data).toEqual({ user: { id: adminId, email: ADMIN_EMAIL } });

    const setCookie = reply.headers.get("set-cookie") ?? "";
    const attributes = setCookie.split("; ").slice(1);
    expect(attributes).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Path=/"]));
    expect(attributes).not.toContain("Secure"); // plain http
    cookie = sessionCookieOf(reply);

    const me = await call<{ id: string; email: string; via: string }>("query", "auth.me", { cookie });
    expect(me.status).toBe(200);
    expect(me.data).toEqual({ id: adminId, email: ADMIN_EMAIL, via: "session" });

    const session = await db.session.findFirstOrThrow({ where: { userId: adminId }, orderBy: { createdAt: "desc" } });
    expect(session).toMatchObject({ ip: IP, userAgent: "vitest" });
  });

  it("marks the cookie Secure when the panel is reached over HTTPS", async () => {
    const reply = await login(ADMIN_PASSWORD, { url: "https://panel.test" });
    expect(reply.status).toBe(200);
    expect((reply.headers.get("set-cookie") ?? "").split("; ")).toContain("Secure");
  });

  let tokenId = "";
  let secret = "";

  it("creates an API token whose secret authenticates as Bearer and records when it was used", async () => {
    const created = await call<{ id: string; name: string; prefix: string; secret: string }>("mutation", "tokens.create", { cookie, input: { name: " deploy script " } });
    expect(created.status).toBe(200);
    expect(created.data.name).toBe("deploy script");
    expect(created.data.secret).toMatch(/^slw_[A-Za-z0-9_-]{43}$/);
    expect(created.data.secret.startsWith(created.data.prefix)).toBe(true);
    ({ id: tokenId, secret } = created.data);

    const unnamed = await call("mutation", "tokens.create", { cookie, input: { name: "   " } });
    expect(unnamed.status).toBe(400);
    expect(unnamed.error.message).toBe("name: Give the token a name.");

    expect((await db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt).toBeNull();
    const before = Date.now();
    const me = await call<{ id: string; email: string; via: string }>("query", "auth.me", { token: secret });
    expect(me.status).toBe(200);
    expect(me.data).toEqual({ id: adminId, email: ADMIN_EMAIL, via: "token" });

    const used = await db.apiToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(used.lastUsedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const listed = await call<{ id: string; lastUsedAt: string | null; revokedAt: string | null }[]>("query", "tokens.list", { token: secret });
    expect(listed.data).toEqual([expect.objectContaining({ id: tokenId, revokedAt: null, lastUsedAt: expect.any(String) })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
  });

  it("rejects a made-up token with 401", async () => {
    const reply = await call("query", "auth.me", { token: `slw_${"A".repeat(43)}` });
    expect(reply.status).toBe(401);
  });

  it("stops accepting a token once it is revoked", async () => {
    const revoked = await call<{ id: string; name: string }>("mutation", "tokens.revoke", { cookie, input: { tokenId } });
    expect(revoked.status).toBe(200);
    expect(revoked.data).toEqual({ id: tokenId, name: "deploy script" });

    const reply = await call("query", "auth.me", { token: secret });
    expect(reply.status).toBe(401);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).revokedAt).not.toBeNull();

    const missing = await call("mutation", "tokens.revoke", { cookie, input: { tokenId: "no-such-token" } });
    expect(missing.status).toBe(404);
    expect(missing.error.message).toBe("No such API token.");
  });

  it("signs out: the cookie is cleared and no longer works", async () => {
    const reply = await call("mutation", "auth.logout", { cookie });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("set-cookie")).toMatch(/^slipway_session=; .*Max-Age=0/);
    expect((await call("query", "auth.me", { cookie })).status).toBe(401);
  });

  it("left an audit event for every mutation: who, what, from where, and whether it worked", async () => {
    const events = await db.auditEvent.findMany({ where: { ip: IP }, orderBy: { id: "asc" } });
    const summary = events.map((e) => ({ actor: e.actor, action: e.action, outcome: e.outcome, actorId: e.actorId }));
    expect(summary).toEqual([
      { actor: ADMIN_EMAIL, action: "auth.login", outcome: "error", actorId: adminId }, // wrong password
      { actor: "nobody@example.com", action: "auth.login", outcome: "error", actorId: null }, // unknown account
      { actor: ADMIN_EMAIL, action: "auth.login", outcome: "ok", actorId: adminId },
      { actor: ADMIN_EMAIL, action: "auth.login", outcome: "ok", actorId: adminId }, // over https
      { actor: ADMIN_EMAIL, action: "tokens.create", outcome: "ok", actorId: adminId },
      { actor: ADMIN_EMAIL, action: "tokens.create", outcome: "error", actorId: adminId }, // no name
      { actor: ADMIN_EMAIL, action: "tokens.revoke", outcome: "ok", actorId: adminId },
      { actor: ADMIN_EMAIL, action: "tokens.revoke", outcome: "error", actorId: adminId }, // no such token
      { actor: ADMIN_EMAIL, action: "auth.logout", outcome: "ok", actorId: adminId },
    ]);
    const byAction = (action: string) => events.find((e) => e.action === action && e.outcome === "ok");
    expect(byAction("tokens.create")?.detail).toBe('{"name":" deploy script "}');
    expect(byAction("tokens.revoke")?.detail).toBe(`{"tokenId":"${tokenId}"}`);
    expect(events.find((e) => e.action === "auth.login" && e.outcome === "error")?.detail).toBe("wrong e-mail or password");
    for (const event of events) expect(event.ip).toBe(IP);

    // Through the API, as the panel's audit page shows them.
    const fresh = await login(ADMIN_PASSWORD);
    const recent = await call<{ action: string; actor: string; ip: string | null }[]>("query", "audit.recent", { cookie: sessionCookieOf(fresh), input: { limit: 3 } });
    expect(recent.data.map((e) => e.action)).toEqual(["auth.login", "auth.logout", "tokens.revoke"]);
  });

  it("never writes the token secret, a session cookie or the password into the database file", async () => {
    const reply = await login(ADMIN_PASSWORD);
    const sessionToken = sessionCookieOf(reply).split("=")[1] ?? "";
    const made = await call<{ secret: string }>("mutation", "tokens.create", { cookie: sessionCookieOf(reply), input: { name: "probe" } });
    const probeSecret = made.data.secret;
    await db.$disconnect(); // flush anything still in a write-ahead log into the file

    const files = [testDb.file, `${testDb.file}-wal`, `${testDb.file}-journal`].filter((f) => fs.existsSync(f));
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    expect(bytes.length).toBeGreaterThan(0);
    // Sanity check that searching the bytes works: the e-mail address is stored in the clear.
    expect(bytes.includes(ADMIN_EMAIL)).toBe(true);
    for (const value of [secret, probeSecret, sessionToken, ADMIN_PASSWORD]) {
      expect(value.length).toBeGreaterThan(10);
      expect(bytes.includes(value), `found ${value.slice(0, 8)}… in the database file`).toBe(false);
    }
  });
});
