import "server-only";
import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/server/errors";
import { FRONT_CONTAINER_STATE_DIR } from "./front-state-dir";
import { SiteConfigError, siteConfigFileName, type SiteConfigInput } from "./render-site-config";
import { writeFileIfChanged } from "./write-file-if-changed";

/** Inside the front state dir: tls/sites/<siteId>.crt (leaf first, then its chain) and <siteId>.key (0600). */
const SITE_TLS_DIR = path.join("tls", "sites");
const MAX_PEM_BYTES = 64 * 1024;

export interface SiteCertificateInfo {
  /** The subject as one line, e.g. "CN=example.com, O=Example". */
  subject: string;
  issuer: string;
  /** DNS names and IP addresses the certificate is valid for (its subjectAltName). */
  names: string[];
  notBefore: string;
  notAfter: string;
  fingerprint256: string;
  /** How many CA certificates follow the site's own. */
  chainLength: number;
}

export interface StoredSiteCertificate {
  /** Paths as the front container sees them (ssl_certificate / ssl_certificate_key), as SiteConfigInput.certificate takes them. */
  certPath: string;
  keyPath: string;
  info: SiteCertificateInfo;
  /** false when the same certificate and key were already stored (no reload needed). */
  changed: boolean;
}

/**
 * Checks an uploaded certificate (PEM, the site's own first, then its chain) and private key, and stores
 * them for the front server. Only normalised PEM re-exported by node:crypto reaches the disk.
 */
export async function storeSiteCertificate(
  stateDir: string,
  siteId: string,
  upload: { certificate: string; privateKey: string },
  now: Date = new Date(),
): Promise<StoredSiteCertificate> {
  const base = siteFileBase(siteId);
  const { certificates, key } = parseUpload(upload);
  const [leaf] = certificates;
  if (!leaf) throw new AppError("BAD_INPUT", "The certificate field holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
  if (!leaf.checkPrivateKey(key)) throw new AppError("BAD_INPUT", "The private key does not belong to the certificate (the first one, if several were pasted).");
  certificates.forEach((cert, i) => {
    const issuer = certificates[i + 1];
    if (issuer && !cert.checkIssued(issuer)) {
      throw new AppError("BAD_INPUT", `Certificate ${i + 2} did not issue certificate ${i + 1}: paste the site's certificate first, then each intermediate in order.`);
    }
  });
  if (new Date(leaf.validTo).getTime() <= now.getTime()) throw new AppError("BAD_INPUT", `The certificate expired on ${new Date(leaf.validTo).toISOString()}.`);

  const dir = path.join(stateDir, SITE_TLS_DIR);
  const keyPem = key.export({ type: "pkcs8", format: "pem" }).toString();
  const certPem = certificates.map((cert) => cert.toString()).join("");
  const keyChanged = await writeFileIfChanged(path.join(dir, `${base}.key`), keyPem, 0o600);
  const certChanged = await writeFileIfChanged(path.join(dir, `${base}.crt`), certPem, 0o644);
  return { ...siteCertificatePaths(siteId), info: describe(leaf, certificates.length - 1), changed: keyChanged || certChanged };
}

/** Removes a site's stored certificate and key; true when there was one. */
export async function removeSiteCertificate(stateDir: string, siteId: string): Promise<boolean> {
  const base = siteFileBase(siteId);
  const files = [`${base}.crt`, `${base}.key`].map((name) => path.join(stateDir, SITE_TLS_DIR, name));
  const existed = await Promise.all(files.map((file) => rm(file).then(() => true, () => false)));
  return existed.some(Boolean);
}

/** Where the front container finds a site's certificate and key. */
export function siteCertificatePaths(siteId: string): NonNullable<SiteConfigInput["certificate"]> {
  const dir = path.posix.join(FRONT_CONTAINER_STATE_DIR, "tls", "sites");
  const base = siteFileBase(siteId);
  return { certPath: `${dir}/${base}.crt`, keyPath: `${dir}/${base}.key` };
}

function siteFileBase(siteId: string): string {
  // The site id rule lives with the per-site config file name; certificates use the same one.
  try {
    return siteConfigFileName(siteId).slice(0, -".conf".length);
  } catch (error) {
    if (error instanceof SiteConfigError) throw new AppError("BAD_INPUT", `${error.message}.`);
    throw error;
  }
}

function parseUpload(upload: { certificate: string; privateKey: string }): { certificates: X509Certificate[]; key: KeyObject } {
  if (Buffer.byteLength(upload.certificate) > MAX_PEM_BYTES || Buffer.byteLength(upload.privateKey) > MAX_PEM_BYTES) {
    throw new AppError("BAD_INPUT", "The certificate and the key must each be under 64 KiB of PEM text.");
  }
  const blocks = upload.certificate.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  const certificates = blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new AppError("BAD_INPUT", `Certificate ${i + 1} is not a valid PEM certificate.`);
    }
  });
  if (!/-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/.test(upload.privateKey)) {
    const hint = /ENCRYPTED PRIVATE KEY/.test(upload.privateKey) ? " It is encrypted: upload it without a passphrase." : "";
    throw new AppError("BAD_INPUT", `The key field holds no PEM private key (-----BEGIN PRIVATE KEY-----).${hint}`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: upload.privateKey, format: "pem" });
  } catch (error) {
    throw new AppError("BAD_INPUT", `The private key cannot be read: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return { certificates, key };
}

function describe(cert: X509Certificate, chainLength: number): SiteCertificateInfo {
  const oneLine = (dn: string) => dn.split("\n").filter(Boolean).join(", ");
  const names = (cert.subjectAltName ?? "")
    .split(", ")
    .map((entry) => /^(?:DNS|IP Address):(.+)$/.exec(entry)?.[1])
    .filter((name): name is string => name !== undefined);
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    names,
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    fingerprint256: cert.fingerprint256,
    chainLength,
  };
}
