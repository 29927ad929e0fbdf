import type { Labels } from "./types";

/** Every object Slipway creates carries `slipway.managed=true`; the rest of its labels are namespaced too. */
export const MANAGED_LABEL = "slipway.managed";
export const LABEL_PREFIX = "slipway.";

export function slipwayLabels(extra: Record<string, string | undefined> = {}): Labels {
  const labels: Labels = { [MANAGED_LABEL]: "true" };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    if (!key.startsWith(LABEL_PREFIX)) throw new Error(`label ${key} must start with ${LABEL_PREFIX}`);
    labels[key] = value;
  }
  return labels;
}

/** Docker's label filter syntax: ["key=value", "key"]. */
export function labelFilter(labels: Record<string, string | true>): string[] {
  return Object.entries(labels).map(([key, value]) => (value === true ? key : `${key}=${value}`));
}
