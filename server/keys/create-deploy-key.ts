import "server-only";
import type { Db } from "@/server/db";
import { seal } from "@/server/crypto/secret-box";
import { AppError } from "@/server/errors";
import { generateEd25519, parsePrivateKey, type SshKeyPair } from "./ssh-key";

export const DEPLOY_KEY_PURPOSE = "slipway:deploy-key";

export interface DeployKeyInput {
  name: string;
  comment?: string;
  /** An existing private key to import; absent: a new ed25519 key is generated. */
  privateKey?: string;
}

/** Generates (or imports) a deploy key and stores its private half sealed. Returns only public data. */
export async function createDeployKey(db: Db, masterKey: Buffer, input: DeployKeyInput) {
  if (await db.deployKey.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw new AppError("CONFLICT", `A deploy key named "${input.name}" already exists. Pick another name.`);
  }
  const comment = input.comment?.trim() || `slipway-${input.name}`;
  const pair: SshKeyPair = input.privateKey ? parsePrivateKey(input.privateKey, comment) : generateEd25519(comment);
  const key = await db.deployKey.create({
    data: {
      name: input.name,
      comment,
      keyType: pair.keyType,
      fingerprint: pair.fingerprint,
      publicKey: pair.publicKey,
      privateSealed: new Uint8Array(seal(Buffer.from(pair.privateKey), masterKey, DEPLOY_KEY_PURPOSE)),
    },
    select: { id: true, name: true, comment: true, keyType: true, fingerprint: true, publicKey: true, createdAt: true },
  });
  return { ...key, createdAt: key.createdAt.toISOString() };
}
