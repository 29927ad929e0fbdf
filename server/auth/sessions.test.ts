import { describe, expect, it } from "vitest";
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from "./sessions";

const attributes = (cookie: string) => cookie.split("; ").slice(1);

describe("sessionCookie", () => {
  const expiresAt = new Date("2030-05-06T07:08:09Z");

  it("is HttpOnly, SameSite=Lax, for the whole panel, until the session expires", () => {
    const cookie = sessionCookie("sws_secret", expiresAt, false);
    expect(cookie.startsWith(`${SESSION_COOKIE}=sws_secret; `)).toBe(true);
    expect(attributes(cookie)).toEqual(["Path=/", "HttpOnly", "SameSite=Lax", "Expires=Mon, 06 May 2030 07:08:09 GMT"]);
  });

  it("adds Secure only when the panel is served over HTTPS", () => {
    expect(attributes(sessionCookie("sws_secret", expiresAt, false))).not.toContain("Secure");
    expect(attributes(sessionCookie("sws_secret", expiresAt, true))).toContain("Secure");
  });

  it("clears the cookie with the same attributes and Max-Age=0", () => {
    expect(clearedSessionCookie(false)).toBe(`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    expect(attributes(clearedSessionCookie(true))).toContain("Secure");
  });
});

describe("readCookie", () => {
  it("finds the named cookie among others", () => {
    expect(readCookie(`theme=dark; ${SESSION_COOKIE}=sws_abc-123_XYZ; lang=en`, SESSION_COOKIE)).toBe("sws_abc-123_XYZ");
    expect(readCookie(`${SESSION_COOKIE}=first`, SESSION_COOKIE)).toBe("first");
  });

  it("tolerates missing spaces and keeps '=' inside the value", () => {
    expect(readCookie(`a=1;${SESSION_COOKIE}=x=y;b=2`, SESSION_COOKIE)).toBe("x=y");
  });

  it("does not match a cookie whose name merely contains the wanted name", () => {
    expect(readCookie(`x${SESSION_COOKIE}=evil; ${SESSION_COOKIE}_old=stale`, SESSION_COOKIE)).toBeNull();
  });

  it("returns null for no header, no such cookie, or an empty value", () => {
    expect(readCookie(null, SESSION_COOKIE)).toBeNull();
    expect(readCookie("", SESSION_COOKIE)).toBeNull();
    expect(readCookie("theme=dark", SESSION_COOKIE)).toBeNull();
    expect(readCookie(`${SESSION_COOKIE}=`, SESSION_COOKIE)).toBeNull();
  });

  it("reads back what sessionCookie set", () => {
    const setCookie = sessionCookie("sws_roundtrip", new Date("2030-01-01T00:00:00Z"), true);
    const sentBack = setCookie.split("; ")[0] ?? "";
    expect(readCookie(sentBack, SESSION_COOKIE)).toBe("sws_roundtrip");
  });
});
