import { createHash } from "node:crypto";
import type { CheckoutSpec } from "@/server/tasks/task-spec";

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The named volume a checkout lives in: a hash of its owner and every field of the entry (keys sorted,
 * so field order never matters; any change gives a new volume).
 */
export function worktreeVolumeName(ownerId: string, checkout: CheckoutSpec): string {
  const hash = createHash("sha256").update(canonicalJson({ owner: ownerId, checkout })).digest("hex").slice(0, 20);
  return `slipway-wt-${hash}`;
}

/** Readable labels for `docker volume ls`; the name stays the hash. */
export function worktreeLabels(ownerId: string, ownerName: string, checkout: CheckoutSpec): Record<string, string> {
  return {
    "slipway.kind": "worktree",
    "slipway.owner": ownerId,
    "slipway.owner-name": ownerName,
    "slipway.repo": checkout.url,
    "slipway.revision": checkout.revision,
    "slipway.mount": checkout.mountName,
  };
}
