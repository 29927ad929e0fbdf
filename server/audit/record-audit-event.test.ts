import { describe, expect, it } from "vitest";
import { describeInput } from "./record-audit-event";

describe("describeInput", () => {
  it("hides the value of a variable marked secret, at any depth it is shown", () => {
    const text = describeInput({ env: [{ name: "DB_PASSWORD", value: "hunter2-hunter2", secret: true }, { name: "APP_ENV", value: "production", secret: false }] }) ?? "";
    expect(text).not.toContain("hunter2");
    expect(text).toContain("production");
  });

  it("is null for a mutation without input", () => {
    expect(describeInput(undefined)).toBeNull();
    expect(describeInput(null)).toBeNull();
  });

  it("keeps ordinary fields as JSON", () => {
    expect(describeInput({ id: "web-1", action: "restart" })).toBe('{"id":"web-1","action":"restart"}');
  });

  it("redacts fields that look like secrets, at any depth it looks at", () => {
    const detail = describeInput({
      email: "admin@example.com",
      password: "hunter2hunter2",
      apiToken: "slw_verysecret",
      site: { env: { DB_PASSWORD: "s3cret", SECRET_KEY_BASE: "abc", PORT: "80" }, privateKey: "-----BEGIN" },
      credentials: { user: "u", pass: "p" },
    });
    expect(detail).not.toMatch(/hunter2|slw_verysecret|s3cret|"abc"|BEGIN|"p"/);
    expect(JSON.parse(detail ?? "null")).toEqual({
      email: "admin@example.com",
      password: "[redacted]",
      apiToken: "[redacted]",
      site: { env: { DB_PASSWORD: "[redacted]", SECRET_KEY_BASE: "[redacted]", PORT: "80" }, privateKey: "[redacted]" },
      credentials: "[redacted]",
    });
  });

  it("keeps ids of tokens and keys, which are not secret and say what was touched", () => {
    expect(JSON.parse(describeInput({ tokenId: "clx123", keyId: "k9" }) ?? "null")).toEqual({ tokenId: "clx123", keyId: "k9" });
  });

  it("redacts secrets inside arrays", () => {
    expect(JSON.parse(describeInput({ sites: [{ name: "a", token: "t1" }] }) ?? "null")).toEqual({ sites: [{ name: "a", token: "[redacted]" }] });
  });

  it("shortens long strings, long arrays and deep nesting", () => {
    const parsed = JSON.parse(
      describeInput({ note: "x".repeat(500), list: Array.from({ length: 50 }, (_, i) => i), a: { b: { c: { d: "deep" } } } }) ?? "null",
    ) as { note: string; list: number[]; a: { b: { c: unknown } } };
    expect(parsed.note).toBe(`${"x".repeat(120)}…`);
    expect(parsed.list).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(parsed.a.b.c).toBe("…");
  });
});
