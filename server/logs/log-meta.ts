import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/server/errors";
import type { RunLogLimits } from "./types";

const MiB = 1024 * 1024;

export interface RunLogLimitOptions {
  /** Bytes kept per run at most (head + tail window); default 64 MiB. */
  maxBytesPerRun?: number;
  /** Of those, bytes kept from the start; default half. */
  headBytes?: number;
  /** Tail segment size; default an eighth of the tail window (at most 8 MiB, at least 1). */
  segmentBytes?: number;
}

export function resolveLimits(options: RunLogLimitOptions = {}): RunLogLimits {
  const max = options.maxBytesPerRun ?? 64 * MiB;
  const headBytes = options.headBytes ?? Math.floor(max / 2);
  const tailBytes = max - headBytes;
  const segmentBytes = options.segmentBytes ?? Math.max(1, Math.min(8 * MiB, Math.floor(tailBytes / 8)));
  const whole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!whole(max) || !whole(headBytes) || !whole(segmentBytes) || tailBytes < 1 || segmentBytes < 1 || segmentBytes > tailBytes || segmentBytes >= 2 ** 32) {
    throw new AppError("BAD_INPUT", `Run log limits do not fit: max ${max}, head ${headBytes}, segment ${segmentBytes} (need 0 ≤ head < max and 1 ≤ segment ≤ max - head).`);
  }
  return { headBytes, tailBytes, segmentBytes };
}

/** How many bytes the segment starting at `start` holds when full. */
export function segmentCapacity(limits: RunLogLimits, start: number): number {
  return start < limits.headBytes ? limits.headBytes - start : limits.segmentBytes;
}

export function isTailSegment(limits: RunLogLimits, start: number): boolean {
  return start >= limits.headBytes;
}

/** Tail segments kept at most, so the tail never holds more than `tailBytes`. */
export function maxTailSegments(limits: RunLogLimits): number {
  return Math.floor(limits.tailBytes / limits.segmentBytes);
}

/** `meta.json`: the limits a log was created with (they stay with it) and whether it is complete. */
export interface LogMeta {
  version: 1;
  limits: RunLogLimits;
  createdAt: number;
  closedAt: number | null;
  /** Logical size when closed; the files stay the truth. */
  size: number | null;
}

const metaSchema = z.object({
  version: z.literal(1),
  limits: z.object({ headBytes: z.number().int().min(0), tailBytes: z.number().int().min(1), segmentBytes: z.number().int().min(1) }),
  createdAt: z.number(),
  closedAt: z.number().nullable(),
  size: z.number().int().min(0).nullable(),
});

const META_FILE = "meta.json";

export async function readMeta(dir: string): Promise<LogMeta | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, META_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = metaSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`Unreadable ${path.join(dir, META_FILE)}: ${parsed.error.message}`);
  return parsed.data;
}

/** Replaces meta.json atomically (write aside, rename), so a crash leaves the old or the new one. */
export async function writeMeta(dir: string, meta: LogMeta): Promise<void> {
  const target = path.join(dir, META_FILE);
  const aside = `${target}.${process.pid}.tmp`;
  await fs.writeFile(aside, JSON.stringify(meta));
  await fs.rename(aside, target);
}
