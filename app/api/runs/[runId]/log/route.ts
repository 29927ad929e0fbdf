import { authenticate } from "@/server/auth/authenticate";
import { services } from "@/server/services";
import { ownerSelect, runOwner } from "@/server/runs/run-owner";

export const dynamic = "force-dynamic";

const BATCH = 1024 * 1024;

/** The run's raw log bytes as a download (session cookie or API token). Cut ranges appear as their marker note. */
export async function GET(req: Request, { params }: { params: Promise<{ runId: string }> }) {
  const { db, logs } = services();
  if (!(await authenticate(db, req.headers))) return Response.json({ error: "Sign in or send an API token." }, { status: 401 });
  const { runId } = await params;
  const run = await db.run.findUnique({ where: { id: runId }, select: { number: true, ...ownerSelect } });
  if (!run) return Response.json({ error: "No such run." }, { status: 404 });
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunks = await logs.read(runId, offset, BATCH);
      if (chunks.length === 0) return controller.close();
      for (const chunk of chunks) {
        controller.enqueue(chunk.data);
        offset = chunk.end;
      }
    },
  });
  const filename = `${runOwner(run).name}-run-${run.number}.log`.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(body, {
    headers: { "content-type": "application/octet-stream", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
  });
}
