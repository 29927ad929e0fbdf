import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db";

const KEY = "instanceId";
const cache = new WeakMap<Db, Promise<string>>();

/**
 * This installation's id, made once and kept in the database. Containers carry it, so clean-up only
 * ever touches what this Slipway created, even when several share one Docker engine.
 */
export function instanceId(db: Db): Promise<string> {
  let id = cache.get(db);
  if (!id) {
    id = (async () => {
      const candidate = randomBytes(8).toString("hex");
      await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: JSON.stringify(candidate) }, update: {} });
      const row = await db.setting.findUniqueOrThrow({ where: { key: KEY } });
      return JSON.parse(row.value) as string;
    })();
    cache.set(db, id);
  }
  return id;
}
