import "server-only";
import type { Db } from "@/server/db";
import { open } from "@/server/crypto/secret-box";
import { AppError } from "@/server/errors";
import { DEPLOY_KEY_PURPOSE } from "./create-deploy-key";

/** The private key bytes, for a checkout container's tmpfs only. Never returned by any API. */
export async function openDeployKey(db: Db, masterKey: Buffer, keyId: string): Promise<Buffer> {
  const key = await db.deployKey.findUnique({ where: { id: keyId }, select: { privateSealed: true } });
  if (!key) throw new AppError("NOT_FOUND", "The checkout's deploy key no longer exists.");
  return open(Buffer.from(key.privateSealed), masterKey, DEPLOY_KEY_PURPOSE);
}
