/** Why a checkout failed, in words that say what to do. Built from what ssh and git print. */
export interface CheckoutFailure {
  kind: "host_unreachable" | "host_key_mismatch" | "key_rejected" | "repo_not_found" | "revision_not_found" | "unknown";
  message: string;
}

interface Context {
  url: string;
  host: string;
  port: number;
  revision: string;
  keyName: string | null;
}

const rules: { kind: CheckoutFailure["kind"]; test: RegExp; message: (c: Context, output: string) => string }[] = [
  {
    kind: "host_key_mismatch",
    test: /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/,
    message: (c, output) => {
      const seen = /key sent by the remote host is\s+(SHA256:[A-Za-z0-9+/]+)/.exec(output)?.[1];
      return `The SSH host key of ${c.host}:${c.port} has changed${seen ? ` (it now presents ${seen})` : ""}. This can be an attack or a reinstalled server: check with the host's admin, then forget the old key under Keys → Known hosts.`;
    },
  },
  {
    kind: "host_unreachable",
    test: /Could not resolve hostname|Connection refused|Connection timed out|No route to host|Network is unreachable|could not read its host key|Connection closed by remote host/,
    message: (c) => `Cannot reach ${c.host}:${c.port} over SSH. Check the URL, that the host is up and that this server may connect to it.`,
  },
  {
    kind: "key_rejected",
    test: /Permission denied \(publickey/,
    message: (c) =>
      c.keyName
        ? `${c.host} rejected deploy key "${c.keyName}". Add its public key (Keys page) to the repository's deploy keys, or check that it was not revoked.`
        : `${c.host} asks for a key and this checkout has none: choose a deploy key for it.`,
  },
  {
    kind: "repo_not_found",
    test: /does not appear to be a git repository|[Rr]epository not found|No such repository|not found: .*\.git/,
    message: (c) => `Repository ${c.url} was not found. Check the path, and that the deploy key has access to it.`,
  },
  {
    kind: "revision_not_found",
    test: /revision '.*' not found|Remote branch .* not found|couldn't find remote ref|reference is not a tree|not our ref/,
    message: (c) => `Revision "${c.revision}" does not exist in ${c.url}: no such branch, tag or commit.`,
  },
];

export function classifyCheckoutFailure(output: string, exitCode: number, context: Context): CheckoutFailure {
  for (const rule of rules) if (rule.test.test(output)) return { kind: rule.kind, message: rule.message(context, output) };
  const last = output.trim().split("\n").filter(Boolean).slice(-1)[0] ?? "";
  return { kind: "unknown", message: `The checkout of ${context.url} failed (exit code ${exitCode})${last ? `: ${last}` : ""}.` };
}
