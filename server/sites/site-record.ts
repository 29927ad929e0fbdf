import "server-only";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { DeploySpec } from "./deploy/deploy-spec";
import type { Stack } from "./site-input";

export const siteSelect = {
  id: true,
  name: true,
  stack: true,
  repoUrl: true,
  revision: true,
  mutable: true,
  submodules: true,
  keyId: true,
  key: { select: { name: true } },
  buildMode: true,
  buildCommand: true,
  webRoot: true,
  sharedPaths: true,
  healthPath: true,
  phpIni: true,
  fpmPool: true,
  sessionHandler: true,
  appPort: true,
  dockerfile: true,
  customSnippet: true,
  certPem: true,
  frontStatus: true,
  frontError: true,
  createdAt: true,
  updatedAt: true,
  domains: { orderBy: { position: "asc" }, select: { domain: true } },
  env: { orderBy: { name: "asc" }, select: { name: true, value: true, secret: true } },
} as const;

export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSite>>>;

function findSite(db: Db, id: string) {
  return db.site.findUnique({ where: { id }, select: siteSelect });
}

export async function loadSite(db: Db, id: string): Promise<SiteRow> {
  const row = await findSite(db, id);
  if (!row) throw new AppError("NOT_FOUND", "No such site.");
  return row;
}

const json = <T>(text: string | null, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

/** The site as the API returns it: secret values are never included (only that they are set). */
export function presentSite(row: SiteRow) {
  return {
    id: row.id,
    name: row.name,
    stack: row.stack as Stack,
    domains: row.domains.map((d) => d.domain),
    source: { url: row.repoUrl, revision: row.revision, keyId: row.keyId, keyName: row.key?.name ?? null, submodules: row.submodules },
    build: { mode: row.buildMode as "auto" | "none" | "custom", command: json<string[] | null>(row.buildCommand, null) },
    webRoot: row.webRoot,
    env: row.env.map((e) => ({ name: e.name, secret: e.secret, value: e.secret ? null : e.value })),
    sharedPaths: json<string[]>(row.sharedPaths, []),
    healthPath: row.healthPath,
    php: { ini: json<Record<string, string>>(row.phpIni, {}), fpmPool: json<Record<string, string>>(row.fpmPool, {}), sessionHandler: row.sessionHandler as "files" | "redis" | "memcached" },
    appPort: row.appPort,
    dockerfile: row.dockerfile,
    customSnippet: row.customSnippet,
    hasCertificate: row.certPem !== null,
    front: { status: row.frontStatus as "pending" | "ok" | "quarantined", error: row.frontError },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type PresentedSite = ReturnType<typeof presentSite>;

/** The site as a deploy run executes it. */
export function toDeploySpec(row: SiteRow, rollbackTo: number | null = null): DeploySpec {
  return {
    siteId: row.id,
    name: row.name,
    stack: row.stack as Stack,
    domains: row.domains.map((d) => d.domain),
    checkout: { url: row.repoUrl, revision: row.revision, mutable: row.mutable, keyId: row.keyId, submodules: row.submodules, mountName: "app" },
    build: { mode: row.buildMode as "auto" | "none" | "custom", command: json<string[] | null>(row.buildCommand, null) },
    webRoot: row.webRoot,
    sharedPaths: json<string[]>(row.sharedPaths, []),
    healthPath: row.healthPath,
    appPort: row.appPort,
    dockerfile: row.dockerfile,
    rollbackTo,
    timeoutSeconds: 1800,
  };
}
