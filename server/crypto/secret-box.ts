import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = 1;

/**
 * AES-256-GCM: [version 1 byte][iv 12][tag 16][ciphertext]. `purpose` is authenticated data, so a
 * value sealed as one kind of secret cannot be opened as another.
 */
export function seal(plaintext: Buffer, key: Buffer, purpose: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function open(sealed: Buffer, key: Buffer, purpose: string): Buffer {
  if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error("sealed value has an unknown format");
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(1, 13));
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(sealed.subarray(13, 29));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
  } catch {
    throw new Error("sealed value could not be opened: wrong master key or damaged data");
  }
}
