import "server-only";
import { z } from "zod";
import type { Db } from "@/server/db";
import { parseTrustedProxy } from "@/server/front/trusted-proxies";

const trustedProxy = z.string().refine((entry) => {
  try {
    parseTrustedProxy(entry);
    return true;
  } catch {
    return false;
  }
}, "Give an IP address or a CIDR range, like 203.0.113.7 or 10.0.0.0/8.");

const fields = {
  runConcurrency: z.number().int().min(1, "At least one run at a time.").max(32),
  cancelGraceSeconds: z.number().int().min(0).max(600),
  keepRunContainersPerTask: z.number().int().min(0).max(1000),
  runContainerMaxAgeHours: z.number().int().min(1).max(24 * 365),
  keepReleases: z.number().int().min(2, "Keep at least 2 releases (the live one and one to roll back to).").max(100),
  /** Proxies in front of the front server whose X-Forwarded-For (and -Proto) are believed. */
  trustedProxies: z.array(trustedProxy).max(100),
};

/** Panel-wide settings an admin changes in the UI; stored as key/value rows, defaults here. */
export const settingsSchema = z.object({
  runConcurrency: fields.runConcurrency.default(2),
  cancelGraceSeconds: fields.cancelGraceSeconds.default(10),
  keepRunContainersPerTask: fields.keepRunContainersPerTask.default(5),
  runContainerMaxAgeHours: fields.runContainerMaxAgeHours.default(72),
  keepReleases: fields.keepReleases.default(5),
  trustedProxies: fields.trustedProxies.default([]),
});

/** A change to some settings: only the fields given (no defaults filled in). */
export const settingsChange = z.object(fields).partial();

export type Settings = z.infer<typeof settingsSchema>;

export async function readSettings(db: Db): Promise<Settings> {
  const rows = await db.setting.findMany();
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      raw[row.key] = JSON.parse(row.value) as unknown;
    } catch {
      // A damaged value falls back to its default.
    }
  }
  const parsed = settingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export async function updateSettings(db: Db, changes: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await readSettings(db)), ...changes });
  await db.$transaction(
    Object.entries(changes).map(([key, value]) =>
      db.setting.upsert({ where: { key }, create: { key, value: JSON.stringify(value) }, update: { value: JSON.stringify(value) } }),
    ),
  );
  return next;
}
