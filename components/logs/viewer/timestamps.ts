// Timestamps of log lines: off, relative to the run's first output, or the wall-clock time.

export type TimestampMode = "off" | "relative" | "absolute";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "0:07.3", "12:40.0", "1:02:03" for relative; "14:03:27" (local time) for absolute. */
export function formatTimestamp(mode: TimestampMode, time: number, start: number | null): string {
  if (mode === "off") return "";
  if (mode === "absolute") {
    const d = new Date(time);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
  const tenths = Math.max(0, Math.floor((time - (start ?? time)) / 100));
  const seconds = Math.floor(tenths / 10);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours > 0) return `${hours}:${pad(minutes % 60)}:${pad(seconds % 60)}`;
  return `${minutes}:${pad(seconds % 60)}.${tenths % 10}`;
}

/** "1.4 s", "2 m 05 s": how long a group ran. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} m ${pad(whole % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} m`;
}
