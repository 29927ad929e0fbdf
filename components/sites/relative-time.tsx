"use client";
import { formatDuration, formatTime } from "@/components/ui/time";
import { useNow } from "@/components/ui/time-ago";

/** "3m ago", ticking; the exact time in the tooltip. */
export function TimeAgo({ iso }: { iso: string | null }) {
  const now = useNow(15_000);
  if (!iso) return <span>—</span>;
  const ms = now - Date.parse(iso);
  return (
    <time dateTime={iso} title={formatTime(iso)}>
      {ms < 10_000 ? "just now" : `${formatDuration(ms)} ago`}
    </time>
  );
}
