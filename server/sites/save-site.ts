import "server-only";
import { seal } from "@/server/crypto/secret-box";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { isImmutableRevision } from "@/server/tasks/task-input";
import type { SiteInput } from "./site-input";
import { loadSite, presentSite } from "./site-record";

export const envPurpose = (siteId: string, name: string) => `site-env:${siteId}:${name}`;

/**
 * Creates a site, or changes one (its name is fixed: it names the site's folder and containers).
 * A secret variable given with value null keeps the value it has; secret values are sealed.
 */
export async function saveSite(db: Db, masterKey: Buffer, input: SiteInput, siteId?: string) {
  const existing = siteId ? await loadSite(db, siteId) : null;
  if (existing && existing.name !== input.name) throw new AppError("BAD_INPUT", `A site's name cannot change (it names its folder and containers): keep "${existing.name}".`);
  const clash = await db.site.findUnique({ where: { name: input.name }, select: { id: true } });
  if (clash && clash.id !== siteId) throw new AppError("CONFLICT", `A site named "${input.name}" already exists.`);
  const taken = await db.siteDomain.findMany({ where: { domain: { in: input.domains }, siteId: { not: siteId ?? "" } }, select: { domain: true, site: { select: { name: true } } } });
  if (taken.length > 0) throw new AppError("CONFLICT", taken.map((t) => `${t.domain} already belongs to site "${t.site.name}".`).join(" "));
  if (input.source.keyId && !(await db.deployKey.findUnique({ where: { id: input.source.keyId }, select: { id: true } }))) {
    throw new AppError("BAD_INPUT", "The deploy key does not exist (any more): pick another one.");
  }
  for (const variable of input.env) {
    if (variable.value === null && !existing?.env.some((e) => e.name === variable.name && e.secret)) {
      throw new AppError("BAD_INPUT", `Give ${variable.name} a value.`);
    }
  }

  const data = {
    name: input.name,
    stack: input.stack,
    repoUrl: input.source.url,
    revision: input.source.revision,
    mutable: !isImmutableRevision(input.source.revision),
    submodules: input.source.submodules,
    keyId: input.source.keyId,
    buildMode: input.build.mode,
    buildCommand: input.build.command ? JSON.stringify(input.build.command) : null,
    webRoot: input.webRoot.replace(/\/+$/, ""),
    sharedPaths: JSON.stringify(input.sharedPaths),
    healthPath: input.healthPath,
    phpIni: JSON.stringify(input.php.ini),
    fpmPool: JSON.stringify(input.php.fpmPool),
    sessionHandler: input.php.sessionHandler,
    appPort: input.appPort,
    dockerfile: input.dockerfile,
    customSnippet: input.customSnippet?.trim() ? input.customSnippet : null,
  };
  const oldSealed = new Map(
    siteId ? (await db.siteEnvVar.findMany({ where: { siteId, secret: true }, select: { name: true, valueSealed: true } })).map((e) => [e.name, e.valueSealed]) : [],
  );

  const id = await db.$transaction(async (tx) => {
    const id = siteId ? (await tx.site.update({ where: { id: siteId }, data, select: { id: true } })).id : (await tx.site.create({ data, select: { id: true } })).id;
    await tx.siteDomain.deleteMany({ where: { siteId: id } });
    await tx.siteDomain.createMany({ data: input.domains.map((domain, position) => ({ domain, siteId: id, position, primary: position === 0 })) });
    await tx.siteEnvVar.deleteMany({ where: { siteId: id } });
    await tx.siteEnvVar.createMany({
      data: input.env.map((e) =>
        e.secret
          ? { siteId: id, name: e.name, secret: true, value: null, valueSealed: e.value === null ? (oldSealed.get(e.name) ?? null) : new Uint8Array(seal(Buffer.from(e.value), masterKey, envPurpose(id, e.name))) }
          : { siteId: id, name: e.name, secret: false, value: e.value ?? "", valueSealed: null },
      ),
    });
    return id;
  });
  return presentSite(await loadSite(db, id));
}
