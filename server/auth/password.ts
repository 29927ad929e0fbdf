import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// scrypt parameters (N=2^15, r=8, p=1: ~32 MiB, ~50 ms): stored with each hash so they can change later.
const N = 32768;
const r = 8;
const p = 1;
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r, p }, KEY_LENGTH);
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !rr || !pp || !salt || !hash) return false;
  const cost = { N: Number(n), r: Number(rr), p: Number(pp) };
  const expected = Buffer.from(hash, "base64url");
  // A hash we did not write (corrupted, hand-edited) never matches: an empty key would match every password.
  if (!isValidCost(cost) || expected.length < 16) return false;
  const actual = await derive(password, Buffer.from(salt, "base64url"), cost, expected.length);
  return timingSafeEqual(actual, expected);
}

/** Sane scrypt costs only: a damaged hash must neither crash sign-in nor make it take minutes. */
function isValidCost({ N, r, p }: { N: number; r: number; p: number }): boolean {
  const inRange = (v: number, max: number) => Number.isSafeInteger(v) && v > 0 && v <= max;
  return inRange(N, 2 ** 17) && N > 1 && (N & (N - 1)) === 0 && inRange(r, 16) && inRange(p, 4);
}
