import "server-only";
import { createHash } from "node:crypto";
import ssh2 from "ssh2";
import { AppError } from "@/server/errors";

// ssh2 is CommonJS: its named exports are only reachable through the default import under plain Node ESM.
const { utils } = ssh2;

export interface SshKeyPair {
  keyType: string;
  /** One line as authorized_keys wants it: "ssh-ed25519 AAAA… comment". */
  publicKey: string;
  /** OpenSSH private key format. */
  privateKey: string;
  /** As `ssh-keygen -lf` prints it: SHA256:<base64 without padding>. */
  fingerprint: string;
}

export function fingerprintOf(publicBlob: Buffer): string {
  return `SHA256:${createHash("sha256").update(publicBlob).digest("base64").replace(/=+$/, "")}`;
}

export function generateEd25519(comment: string): SshKeyPair {
  const pair = utils.generateKeyPairSync("ed25519", { comment });
  const blob = Buffer.from(pair.public.split(" ")[1] ?? "", "base64");
  return { keyType: "ssh-ed25519", publicKey: pair.public.trim(), privateKey: pair.private, fingerprint: fingerprintOf(blob) };
}

/** Validates an existing private key and derives its public half; refuses passphrase-protected keys. */
export function parsePrivateKey(text: string, comment: string): SshKeyPair {
  const privateKey = text.replace(/\r\n/g, "\n").trim() + "\n";
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error) {
    if (/passphrase/i.test(parsed.message)) {
      throw new AppError("BAD_INPUT", "This private key is protected by a passphrase. Remove it first: ssh-keygen -p -N '' -f <keyfile>");
    }
    throw new AppError("BAD_INPUT", `This is not a private key Slipway can read (${parsed.message}). Paste an OpenSSH or PEM private key.`);
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || !key.isPrivateKey()) throw new AppError("BAD_INPUT", "This is a public key. Paste the private key (it starts with -----BEGIN).");
  const blob = key.getPublicSSH();
  return {
    keyType: key.type,
    publicKey: `${key.type} ${blob.toString("base64")}${comment ? ` ${comment}` : ""}`,
    privateKey,
    fingerprint: fingerprintOf(blob),
  };
}
