import "server-only";
import type { Db } from "@/server/db";
import type { DockerPort } from "@/server/docker/port";
import type { RunLogStore } from "@/server/logs/run-log-store";
import type { SiteRuntime } from "@/server/sites/site-runtime";

/** What the run engine works with; tests pass real ones on temporary directories. */
export interface RunDeps {
  db: Db;
  docker: DockerPort;
  store: RunLogStore;
  masterKey: Buffer;
  /** Docker network run containers join (default: the engine's default bridge). */
  network?: string;
  clock?: () => Date;
  /** Where sites live and how to reach the front server (deploy runs need it). */
  sites?: SiteRuntime;
}
