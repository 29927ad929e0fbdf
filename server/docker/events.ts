import "server-only";
import type { DockerEndpoint } from "./client";
import { toDockerError } from "./errors";
import { labelFilter } from "./labels";
import type { DockerEvent } from "./types";

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
}

/** Parses one line of Docker's event stream; labels come back as the actor's attributes. */
export function parseDockerEvent(line: string): DockerEvent | null {
  let raw: RawEvent;
  try {
    raw = JSON.parse(line) as RawEvent;
  } catch {
    return null; // a partial line is completed by the next read; callers split on newlines
  }
  const attributes = raw.Actor?.Attributes ?? {};
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) if (key.includes(".")) labels[key] = value;
  return {
    type: raw.Type ?? "container",
    action: raw.Action ?? raw.status ?? "unknown",
    id: raw.Actor?.ID ?? raw.id ?? "",
    name: attributes.name ?? null,
    labels,
    time: raw.time ?? Math.floor(Date.now() / 1000),
  };
}

export interface EventFilter {
  labels?: Record<string, string | true>;
  types?: string[];
  /** Unix seconds: replay events since then (Docker keeps a short history). */
  since?: number;
}

/** Docker events as they happen, until the signal aborts or the engine goes away (then it throws a DockerError). */
export async function* streamEvents({ docker, label }: DockerEndpoint, filter: EventFilter, signal: AbortSignal): AsyncGenerator<DockerEvent> {
  const filters: Record<string, string[]> = {};
  if (filter.labels) filters.label = labelFilter(filter.labels);
  if (filter.types) filters.type = filter.types;
  // One controller for the whole stream: the caller's signal ends it; a timer bounds only the opening.
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener("abort", stop, { once: true });
  const openTimer = setTimeout(() => controller.abort(Object.assign(new Error("timeout"), { name: "TimeoutError" })), 10_000);
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.getEvents({ filters, since: filter.since, abortSignal: controller.signal })) as NodeJS.ReadableStream;
  } catch (error) {
    signal.removeEventListener("abort", stop);
    throw toDockerError(error, "subscribing to events", label);
  } finally {
    clearTimeout(openTimer);
  }
  let rest = "";
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      rest += piece.toString("utf8");
      let newline: number;
      while ((newline = rest.indexOf("\n")) >= 0) {
        const line = rest.slice(0, newline).trim();
        rest = rest.slice(newline + 1);
        const event = line ? parseDockerEvent(line) : null;
        if (event) yield event;
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    throw toDockerError(error, "reading events", label);
  } finally {
    signal.removeEventListener("abort", stop);
    (stream as { destroy?: () => void }).destroy?.();
  }
  if (!signal.aborted) throw toDockerError(Object.assign(new Error("event stream closed"), { code: "ECONNRESET" }), "reading events", label);
}
