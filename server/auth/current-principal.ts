import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { services } from "@/server/services";
import type { Principal } from "./principal";
import { resolveSession, SESSION_COOKIE } from "./sessions";

/** The signed-in user of a page request, or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const session = await resolveSession(services().db, token);
  return session ? { userId: session.user.id, email: session.user.email, via: "session", sessionId: session.sessionId } : null;
}

/** For panel pages: the principal, or a redirect to the login page. */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await currentPrincipal();
  if (!principal) redirect("/login");
  return principal;
}
