import { services } from "@/server/services";
import { checkHealth } from "@/server/system/health";

export const dynamic = "force-dynamic";

/** Unauthenticated liveness and readiness: 200 when the database answers (Docker down is "degraded"), else 503. */
export async function GET() {
  const { db, engine } = services();
  const health = await checkHealth(db, engine);
  return Response.json(health, { status: health.status === "down" ? 503 : 200, headers: { "cache-control": "no-store" } });
}
