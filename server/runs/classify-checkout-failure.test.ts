import { describe, expect, it } from "vitest";
import { classifyCheckoutFailure } from "./classify-checkout-failure";

const context = { url: "ssh://git@git.example/srv/git/app.git", host: "git.example", port: 22, revision: "release", keyName: "app-key" };
const couldNotRead = "fatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n";

// The texts below are what ssh and git printed against the test git host (server/testing/git-host.ts).
describe("classifyCheckoutFailure", () => {
  it("names a rejected key and what to do about it", () => {
    const failure = classifyCheckoutFailure(`git@git.example: Permission denied (publickey).\n${couldNotRead}`, 128, context);
    expect(failure.kind).toBe("key_rejected");
    expect(failure.message).toContain('rejected deploy key "app-key"');
  });

  it("tells a missing repository from a rejected key", () => {
    const failure = classifyCheckoutFailure(`fatal: '/srv/git/missing.git' does not appear to be a git repository\n${couldNotRead}`, 128, context);
    expect(failure.kind).toBe("repo_not_found");
  });

  it("recognises a missing branch, tag or sha", () => {
    expect(classifyCheckoutFailure("fatal: revision 'release' not found in ssh://… (no such branch, tag or commit)", 74, context).kind).toBe("revision_not_found");
    expect(classifyCheckoutFailure("fatal: Remote branch release not found in upstream origin", 128, context).kind).toBe("revision_not_found");
  });

  it("recognises an unreachable host (unknown name and closed port)", () => {
    expect(classifyCheckoutFailure(`ssh: Could not resolve hostname git.example: Name or service not known\n${couldNotRead}`, 128, context).kind).toBe("host_unreachable");
    expect(classifyCheckoutFailure(`ssh: connect to host git.example port 2222: Connection refused\n${couldNotRead}`, 128, context).kind).toBe("host_unreachable");
  });

  it("reports a changed host key with the fingerprint the host now presents", () => {
    const output = [
      "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@",
      "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @",
      "The fingerprint for the ED25519 key sent by the remote host is",
      "SHA256:ks8A4Qwo0ETVu0zUp6GRR7CRo3Bx0vdhjddUHNNXUAA.",
      "Host key verification failed.",
    ].join("\n");
    const failure = classifyCheckoutFailure(output, 128, context);
    expect(failure.kind).toBe("host_key_mismatch");
    expect(failure.message).toContain("SHA256:ks8A4Qwo0ETVu0zUp6GRR7CRo3Bx0vdhjddUHNNXUAA");
  });

  it("falls back to the exit code and the last line", () => {
    expect(classifyCheckoutFailure("error: something odd\n", 1, context)).toEqual({ kind: "unknown", message: expect.stringContaining("exit code 1): error: something odd") });
  });
});
