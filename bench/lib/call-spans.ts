// Records how long each Docker call and each database query of the code under test takes, without touching
// that code: a Docker port whose operations are wrapped, and a Prisma client extension. A benchmark hands
// these to the run engine and then lays the recorded spans over the run's steps (`spansWithin`).
import { performance } from "node:perf_hooks";
import type { Db } from "@/server/db";
import type { DockerPort } from "@/server/docker/port";

export interface CallSpan {
  kind: "docker" | "db";
  /** "containers.create", "run.update", "$transaction" … */
  what: string;
  /** Wall-clock milliseconds since the epoch (sub-millisecond), comparable with the database's timestamps. */
  start: number;
  end: number;
}

/** Wall-clock milliseconds with performance.now()'s resolution. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

export class CallRecorder {
  readonly spans: CallSpan[] = [];

  record(kind: CallSpan["kind"], what: string, start: number): void {
    this.spans.push({ kind, what, start, end: wallNow() });
  }

  /** Spans that started in [from, to). */
  within(from: number, to: number): CallSpan[] {
    return this.spans.filter((s) => s.start >= from && s.start < to);
  }

  clear(): void {
    this.spans.length = 0;
  }
}

const GROUPS = ["containers", "images", "volumes", "networks", "exec"] as const;

/**
 * The same port, with every operation of its groups timed: a promise until it settles, a stream (container
 * logs followed until the container stops) until it ends.
 */
export function timedDockerPort(docker: DockerPort, recorder: CallRecorder): DockerPort {
  const wrapGroup = <T extends object>(group: string, ops: T): T =>
    new Proxy(ops, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== "function" || typeof prop !== "string") return value;
        return (...args: unknown[]): unknown => {
          const start = wallNow();
          const result: unknown = Reflect.apply(value, target, args);
          if (result instanceof Promise) return result.finally(() => recorder.record("docker", `${group}.${prop}`, start));
          if (isAsyncGenerator(result)) return timedStream(result, () => recorder.record("docker", `${group}.${prop}`, start));
          return result;
        };
      },
    });
  const timed = { ...docker };
  for (const group of GROUPS) Object.assign(timed, { [group]: wrapGroup(group, docker[group]) });
  return timed;
}

function isAsyncGenerator(value: unknown): value is AsyncGenerator<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value && typeof (value as { next?: unknown }).next === "function";
}

async function* timedStream<T>(source: AsyncGenerator<T>, done: () => void): AsyncGenerator<T> {
  try {
    yield* source;
  } finally {
    done();
  }
}

/** The same client with every model operation and raw query timed (queries inside a transaction included). */
export function timedDb(db: Db, recorder: CallRecorder): Db {
  const extended = db.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const start = wallNow();
        try {
          return await query(args);
        } finally {
          recorder.record("db", model ? `${model}.${operation}` : operation, start);
        }
      },
    },
  });
  // An extended client is a PrismaClient at run time; its type differs only by the extension's (none visible here).
  return extended as unknown as Db;
}
