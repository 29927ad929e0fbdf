import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { loadMasterKey } from "@/server/crypto/master-key";
import { createTestDb } from "@/server/testing/test-db";
import { createDeployKey } from "./create-deploy-key";
import { deleteDeployKey } from "./delete-deploy-key";
import { listDeployKeys } from "./list-deploy-keys";
import { openDeployKey } from "./open-deploy-key";

const { db, dataDir, file, cleanup } = createTestDb();
const masterKey = loadMasterKey(dataDir);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "slipway-keys-"));
afterAll(async () => {
  await cleanup();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** ssh-keygen is the reference for formats and fingerprints. */
function sshKeygen(args: string[]): string {
  return execFileSync("ssh-keygen", args, { encoding: "utf8" });
}

function fingerprintBySshKeygen(publicKey: string): string {
  const pub = path.join(scratch, `fp-${Math.random().toString(36).slice(2)}.pub`);
  fs.writeFileSync(pub, `${publicKey}\n`);
  return sshKeygen(["-lf", pub]).split(" ")[1] ?? "";
}

describe("deploy keys", () => {
  it("generates an ed25519 key whose fingerprint matches ssh-keygen and whose private half only opens with the master key", async () => {
    const key = await createDeployKey(db, masterKey, { name: "site-a", comment: "deploy@site-a" });
    expect(key.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\S+ deploy@site-a$/);
    expect(key.fingerprint).toBe(fingerprintBySshKeygen(key.publicKey));
    expect(key).not.toHaveProperty("privateKey");
    expect(key).not.toHaveProperty("privateSealed");

    const privateKey = (await openDeployKey(db, masterKey, key.id)).toString();
    expect(privateKey).toContain("-----BEGIN OPENSSH PRIVATE KEY-----");
    // ssh-keygen derives the same public key from the private half.
    const priv = path.join(scratch, "generated");
    fs.writeFileSync(priv, privateKey, { mode: 0o600 });
    expect(sshKeygen(["-y", "-f", priv]).trim().split(" ").slice(0, 2)).toEqual(key.publicKey.split(" ").slice(0, 2));

    // Neither the PEM nor the key body is in the database file in the clear.
    const body = privateKey.split("\n").slice(1, 3).join("");
    const dbBytes = fs.readFileSync(file).toString("latin1") + (fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`).toString("latin1") : "");
    expect(dbBytes).not.toContain(body);
    expect(dbBytes).not.toContain("OPENSSH PRIVATE KEY");

    await expect(openDeployKey(db, Buffer.alloc(32, 7), key.id)).rejects.toThrow("wrong master key");
  });

  it("imports keys made by ssh-keygen (ed25519 and RSA) with the fingerprints ssh-keygen prints", async () => {
    for (const type of ["ed25519", "rsa"]) {
      const priv = path.join(scratch, `import-${type}`);
      sshKeygen(["-q", "-t", type, "-N", "", "-C", `imported-${type}`, "-f", priv]);
      const key = await createDeployKey(db, masterKey, { name: `imported-${type}`, privateKey: fs.readFileSync(priv, "utf8") });
      expect(key.fingerprint).toBe(sshKeygen(["-lf", `${priv}.pub`]).split(" ")[1]);
      expect(key.publicKey.split(" ").slice(0, 2)).toEqual(fs.readFileSync(`${priv}.pub`, "utf8").split(" ").slice(0, 2));
    }
  });

  it("refuses passphrase-protected, malformed and public keys with a message that says what to do", async () => {
    const priv = path.join(scratch, "protected");
    sshKeygen(["-q", "-t", "ed25519", "-N", "secret-passphrase", "-f", priv]);
    await expect(createDeployKey(db, masterKey, { name: "protected", privateKey: fs.readFileSync(priv, "utf8") })).rejects.toThrow(/passphrase.*ssh-keygen -p/);
    await expect(createDeployKey(db, masterKey, { name: "garbage", privateKey: "hello" })).rejects.toThrow(/not a private key/);
    await expect(createDeployKey(db, masterKey, { name: "public", privateKey: fs.readFileSync(`${priv}.pub`, "utf8") })).rejects.toThrow(AppError);
    await expect(createDeployKey(db, masterKey, { name: "site-a" })).rejects.toThrow(/already exists/);
  });

  it("lists the tasks using a key and refuses to delete a key tasks or sites use without force", async () => {
    const key = await createDeployKey(db, masterKey, { name: "shared" });
    await db.task.create({
      data: { name: "build-docs", image: "slipway/test:latest", command: "[]", checkouts: { create: { position: 0, url: "ssh://git@h/r.git", revision: "main", mutable: true, keyId: key.id, mountName: "r" } } },
    });
    await db.site.create({ data: { name: "docs", stack: "static", repoUrl: "ssh://git@h/d.git", revision: "main", mutable: true, keyId: key.id } });
    expect((await listDeployKeys(db)).find((k) => k.id === key.id)?.usedBy.map((t) => t.name)).toEqual(["build-docs"]);
    await expect(deleteDeployKey(db, key.id, false)).rejects.toThrow('Deploy key "shared" is used by task "build-docs", site "docs"');
    expect(await deleteDeployKey(db, key.id, true)).toMatchObject({ name: "shared", detachedFrom: ['task "build-docs"', 'site "docs"'] });
    expect(await db.taskCheckout.findFirst({ where: { mountName: "r" }, select: { keyId: true } })).toEqual({ keyId: null });
    expect(await db.site.findFirst({ where: { name: "docs" }, select: { keyId: true } })).toEqual({ keyId: null });
  });
});
