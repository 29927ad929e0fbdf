import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores scrypt with its parameters and verifies the same password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(stored).not.toContain("correct horse");
    await expect(verifyPassword("correct horse battery staple", stored)).resolves.toBe(true);
  });

  it("rejects a wrong password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    await expect(verifyPassword("correct horse battery stapler", stored)).resolves.toBe(false);
    await expect(verifyPassword("", stored)).resolves.toBe(false);
  });

  it("salts every hash, so the same password hashes differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
    await expect(verifyPassword("same password", a)).resolves.toBe(true);
    await expect(verifyPassword("same password", b)).resolves.toBe(true);
  });

  it("treats the same text in different Unicode forms as one password", async () => {
    const stored = await hashPassword("caf\u00e9"); // é as one code point
    await expect(verifyPassword("cafe\u0301", stored)).resolves.toBe(true); // e + combining accent
  });

  it("keeps verifying hashes made with older scrypt parameters, read from the stored hash", async () => {
    const salt = randomBytes(16);
    const key = scryptSync("old password", salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = ["scrypt", 1024, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
    await expect(verifyPassword("old password", stored)).resolves.toBe(true);
    await expect(verifyPassword("new password", stored)).resolves.toBe(false);
  });

  it("says no, without throwing, to a malformed stored hash", async () => {
    const malformed = [
      "",
      "plaintext",
      "bcrypt$10$abc$def$ghi$jkl",
      "scrypt$32768$8$1$c2FsdA", // no hash part
      "scrypt$$8$1$c2FsdA$aGFzaA",
      "scrypt$abc$8$1$c2FsdA$aGFzaGFzaGFzaGFzaGFzaA", // N not a number
      "scrypt$1000$8$1$c2FsdA$aGFzaGFzaGFzaGFzaGFzaA", // N not a power of two
      "scrypt$32768$0$1$c2FsdA$aGFzaGFzaGFzaGFzaGFzaA", // r = 0
      // A hash part that decodes to nothing (or almost nothing) must not match every password.
      "scrypt$32768$8$1$c2FsdA$!!!",
      "scrypt$32768$8$1$c2FsdA$=",
      "scrypt$32768$8$1$c2FsdA$aGFzaA",
    ];
    for (const stored of malformed) {
      await expect(verifyPassword("anything", stored), stored).resolves.toBe(false);
    }
  });
});
