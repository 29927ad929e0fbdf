/** Who is calling: a signed-in browser session or an API token. */
export interface Principal {
  userId: string;
  email: string;
  via: "session" | "token";
  sessionId?: string;
  tokenId?: string;
  tokenName?: string;
}

/** How the audit log names a principal. */
export function principalLabel(principal: Principal): string {
  return principal.via === "token" ? `${principal.email} (token ${principal.tokenName ?? "?"})` : principal.email;
}
