"use client";
import { useEffect, useState } from "react";
import { formatDuration } from "./time";

/** Re-renders on an interval so relative times and running durations tick. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The time between two instants, ticking while `end` is open. */
export function Elapsed({ start, end }: { start: string | null; end: string | null }) {
  const now = useNow();
  if (!start) return <span>—</span>;
  return <span>{formatDuration((end ? Date.parse(end) : now) - Date.parse(start))}</span>;
}
