// Line permalinks: `#L123` in the URL names line 123 (1-based). The hash is an external store, so the
// viewer reads it with useSyncExternalStore (nothing on the server, the real hash once hydrated).

const listeners = new Set<() => void>();

export function subscribeHash(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("hashchange", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("hashchange", listener);
  };
}

export const currentHash = (): string => window.location.hash;
export const serverHash = (): string => "";

/** The 0-based line a hash names, or null. */
export function lineOfHash(hash: string): number | null {
  const match = /^#L(\d{1,9})$/.exec(hash);
  const n = match ? Number(match[1]) : 0;
  return n >= 1 ? n - 1 : null;
}

/** Points the URL at a line (0-based) without adding a history entry or scrolling the page. */
export function setLineHash(line: number): void {
  window.history.replaceState(null, "", `#L${line + 1}`);
  for (const listener of listeners) listener();
}
