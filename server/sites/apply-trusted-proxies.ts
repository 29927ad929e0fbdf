import "server-only";
import { writeTrustedProxies } from "@/server/front/trusted-proxies";
import { readSettings } from "@/server/settings/settings";
import type { FrontDeps } from "./sync-front";
import { syncFront } from "./sync-front";

/**
 * Makes the front server believe X-Forwarded-For from the trusted proxies in the settings: writes its
 * include file and, when that changed, reloads it. The supervisor does the same from the same setting,
 * so the two never undo each other.
 */
export async function applyTrustedProxies(deps: FrontDeps): Promise<boolean> {
  const changed = await writeTrustedProxies(deps.runtime.frontStateDir, (await readSettings(deps.db)).trustedProxies);
  if (changed) await syncFront(deps, { force: true });
  return changed;
}
