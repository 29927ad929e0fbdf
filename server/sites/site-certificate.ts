import "server-only";
import { seal } from "@/server/crypto/secret-box";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { removeSiteCertificate, storeSiteCertificate } from "@/server/front/site-certificates";
import type { SiteRuntime } from "./site-runtime";

/**
 * Sets (or, with null, removes) a site's own certificate. It is checked, written for the front server
 * (the key 0600 in its state directory: nginx needs it), and kept in the database with the key sealed.
 */
export async function setSiteCertificate(db: Db, masterKey: Buffer, runtime: SiteRuntime, siteId: string, upload: { certificate: string; privateKey: string } | null) {
  const site = await db.site.findUnique({ where: { id: siteId }, select: { id: true } });
  if (!site) throw new AppError("NOT_FOUND", "No such site.");
  if (!upload) {
    await removeSiteCertificate(runtime.frontStateDir, siteId);
    await db.site.update({ where: { id: siteId }, data: { certPem: null, certKeySealed: null } });
    return null;
  }
  const stored = await storeSiteCertificate(runtime.frontStateDir, siteId, upload);
  await db.site.update({
    where: { id: siteId },
    data: { certPem: upload.certificate, certKeySealed: new Uint8Array(seal(Buffer.from(upload.privateKey), masterKey, `site-cert-key:${siteId}`)) },
  });
  return stored.info;
}
