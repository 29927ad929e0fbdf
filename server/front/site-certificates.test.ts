import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeSiteCertificate, siteCertificatePaths, storeSiteCertificate } from "./site-certificates";

// Real certificates made with the openssl CLI: a CA, a leaf it signed, and an unrelated self-signed pair.
let work = "";
let stateDir = "";
const pem: Record<"ca" | "leaf" | "leafKey" | "other" | "otherKey" | "encryptedKey", string> = { ca: "", leaf: "", leafKey: "", other: "", otherKey: "", encryptedKey: "" };

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { cwd: work, stdio: "pipe" });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "slipway-certs-"));
  stateDir = path.join(work, "state");
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl("req", "-x509", ...ec, "-days", "30", "-subj", "/O=Test CA/CN=Test CA", "-keyout", "ca.key", "-out", "ca.crt");
  openssl("req", "-x509", ...ec, "-days", "30", "-subj", "/O=Example/CN=example.test", "-addext", "subjectAltName=DNS:example.test,DNS:www.example.test,IP:192.0.2.10", "-CA", "ca.crt", "-CAkey", "ca.key", "-keyout", "leaf.key", "-out", "leaf.crt");
  openssl("req", "-x509", ...ec, "-days", "30", "-subj", "/CN=other.test", "-keyout", "other.key", "-out", "other.crt");
  openssl("pkcs8", "-topk8", "-in", "leaf.key", "-out", "encrypted.key", "-passout", "pass:secret");
  const read = (name: string) => readFile(path.join(work, name), "utf8");
  Object.assign(pem, { ca: await read("ca.crt"), leaf: await read("leaf.crt"), leafKey: await read("leaf.key"), other: await read("other.crt"), otherKey: await read("other.key"), encryptedKey: await read("encrypted.key") });
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("site certificates", () => {
  it("stores a certificate with its chain and key for the front, and describes it for the panel", async () => {
    const stored = await storeSiteCertificate(stateDir, "site1", { certificate: `${pem.leaf}\n${pem.ca}`, privateKey: pem.leafKey });
    expect(stored).toMatchObject({
      certPath: "/etc/slipway/front/tls/sites/site1.crt",
      keyPath: "/etc/slipway/front/tls/sites/site1.key",
      changed: true,
      info: { subject: "O=Example, CN=example.test", issuer: "O=Test CA, CN=Test CA", names: ["example.test", "www.example.test", "192.0.2.10"], chainLength: 1 },
    });
    expect(stored.info.fingerprint256).toBe(new X509Certificate(pem.leaf).fingerprint256);
    expect(Date.parse(stored.info.notAfter) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const dir = path.join(stateDir, "tls", "sites");
    const crt = await readFile(path.join(dir, "site1.crt"), "utf8");
    expect(crt.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(new X509Certificate(crt).fingerprint256).toBe(stored.info.fingerprint256);
    expect(await readFile(path.join(dir, "site1.key"), "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect((await stat(path.join(dir, "site1.key"))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(["site1.crt", "site1.key"]);
  });

  it("reports no change when the same pair is uploaded again", async () => {
    const again = await storeSiteCertificate(stateDir, "site1", { certificate: `${pem.leaf}${pem.ca}`, privateKey: pem.leafKey });
    expect(again.changed).toBe(false);
  });

  it("rejects a key that does not belong to the certificate, and keeps the stored pair", async () => {
    await expect(storeSiteCertificate(stateDir, "site1", { certificate: pem.leaf, privateKey: pem.otherKey })).rejects.toThrow(/does not belong to the certificate/);
    expect(new X509Certificate(await readFile(path.join(stateDir, "tls/sites/site1.crt"), "utf8")).subject).toContain("example.test");
  });

  it("rejects what is not a PEM certificate or key, an encrypted key, a chain out of order and an expired certificate", async () => {
    const store = (certificate: string, privateKey: string, now?: Date) => storeSiteCertificate(stateDir, "site2", { certificate, privateKey }, now);
    await expect(store("hello", pem.leafKey)).rejects.toThrow(/no PEM certificate/);
    await expect(store(pem.leaf.replace(/[A-Za-z0-9]{10}\n/, "AAAAAAAAAA\n"), pem.leafKey)).rejects.toThrow(/Certificate 1 is not a valid PEM certificate/);
    await expect(store(pem.leaf, pem.leaf)).rejects.toThrow(/no PEM private key/);
    await expect(store(pem.leaf, pem.encryptedKey)).rejects.toThrow(/encrypted: upload it without a passphrase/);
    await expect(store(`${pem.leaf}${pem.other}`, pem.leafKey)).rejects.toThrow(/Certificate 2 did not issue certificate 1/);
    await expect(store(pem.other, pem.otherKey, new Date(Date.now() + 60 * 86_400_000))).rejects.toThrow(/The certificate expired on/);
    await expect(storeSiteCertificate(stateDir, "../escape", { certificate: pem.other, privateKey: pem.otherKey })).rejects.toThrow(/invalid site id/);
    expect(await readdir(path.join(stateDir, "tls", "sites"))).not.toContain("site2.crt");
  });

  it("removes a site's pair, and says whether there was one", async () => {
    expect(await removeSiteCertificate(stateDir, "site1")).toBe(true);
    expect(await readdir(path.join(stateDir, "tls", "sites"))).toEqual([]);
    expect(await removeSiteCertificate(stateDir, "site1")).toBe(false);
    expect(siteCertificatePaths("abc")).toEqual({ certPath: "/etc/slipway/front/tls/sites/abc.crt", keyPath: "/etc/slipway/front/tls/sites/abc.key" });
  });
});
