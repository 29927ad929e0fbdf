import "server-only";
import { z } from "zod";
import { locateLogWindow } from "@/server/logs/locate-log-window";
import { runLogEvents } from "@/server/logs/log-events";
import { countLogLines } from "@/server/logs/scan-log-lines";
import { getRun } from "@/server/runs/get-run";
import { listRuns } from "@/server/runs/list-runs";
import { triggerRun } from "@/server/runs/trigger-run";
import { protectedProcedure, router } from "../init";

const id = z.string().min(1).max(64);
const statuses = z.enum(["queued", "running", "succeeded", "failed", "cancelled", "timed_out", "replaced"]);

export const runsRouter = router({
  list: protectedProcedure
    .input(z.object({ status: z.array(statuses).max(7).optional(), taskId: id.optional(), siteId: id.optional(), limit: z.number().int().min(1).max(200).default(50), before: id.optional() }).default({ limit: 50 }))
    .query(({ ctx, input }) => listRuns(ctx.db, input)),

  get: protectedProcedure.input(z.object({ runId: id })).query(({ ctx, input }) => getRun(ctx.db, ctx.logs, input.runId)),

  trigger: protectedProcedure.input(z.object({ taskId: id })).mutation(async ({ ctx, input }) => {
    const run = await triggerRun(ctx.db, input.taskId, ctx.principal.via === "token" ? "api" : "manual");
    ctx.runs.kick();
    return run;
  }),

  cancel: protectedProcedure.input(z.object({ runId: id })).mutation(async ({ ctx, input }) => {
    await ctx.runs.cancel(input.runId);
    return { id: input.runId };
  }),

  /** Where the viewer starts reading the log: its tail (or before the window it holds, or at a line), at a line boundary. */
  logWindow: protectedProcedure
    .input(z.object({ runId: id, before: z.number().int().min(0).optional(), line: z.number().int().min(0).optional() }))
    .query(({ ctx, input }) => locateLogWindow(ctx.logs, input.runId, { before: input.before, line: input.line })),

  /** How many lines come before an offset (a window's start): the viewer numbers its lines from there. */
  logLines: protectedProcedure.input(z.object({ runId: id, offset: z.number().int().min(0) })).query(({ ctx, input }) => countLogLines(ctx.logs, input.runId, input.offset)),

  /**
   * The run's log as it grows, over SSE: each event carries raw bytes (base64) and is tracked by its
   * end offset, so a reconnecting client (lastEventId) continues exactly where it stopped.
   */
  log: protectedProcedure
    .input(z.object({ runId: id, fromOffset: z.number().int().min(0).default(0), lastEventId: z.string().max(20).nullish() }))
    .subscription(async function* ({ ctx, input, signal }) {
      yield* runLogEvents(ctx.logs, input.runId, { fromOffset: input.fromOffset, lastEventId: input.lastEventId, signal });
    }),
});
