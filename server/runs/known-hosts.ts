import "server-only";
import type { Db } from "@/server/db";
import { fingerprintOf } from "@/server/keys/ssh-key";

/** How OpenSSH names a host in known_hosts: "host", or "[host]:port" off port 22. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The known_hosts lines Slipway recorded for a host (empty: first contact). */
export async function knownHostLines(db: Db, host: string, port: number): Promise<string[]> {
  const keys = await db.knownHost.findMany({ where: { host, port }, orderBy: { keyType: "asc" } });
  return keys.map((k) => `${knownHostName(host, port)} ${k.keyType} ${k.publicKey}`);
}

/**
 * Records the host keys a first contact reported ("[host]:port type base64" lines). Keys already
 * recorded for the host stay as they are: a change must fail, never be learned silently.
 */
export async function recordHostKeys(db: Db, host: string, port: number, lines: string[]): Promise<string[]> {
  if ((await db.knownHost.count({ where: { host, port } })) > 0) return [];
  const recorded: string[] = [];
  for (const line of lines) {
    const [, keyType, publicKey] = line.split(/\s+/);
    if (!keyType || !publicKey || !/^[A-Za-z0-9+/=]+$/.test(publicKey)) continue;
    const fingerprint = fingerprintOf(Buffer.from(publicKey, "base64"));
    await db.knownHost.upsert({
      where: { host_port_keyType: { host, port, keyType } },
      create: { host, port, keyType, publicKey, fingerprint },
      update: {},
    });
    recorded.push(`${keyType} ${fingerprint}`);
  }
  return recorded;
}
