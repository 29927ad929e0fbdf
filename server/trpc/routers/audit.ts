import "server-only";
import { z } from "zod";
import { listAuditEvents } from "@/server/audit/list-audit-events";
import { protectedProcedure, router } from "../init";

export const auditRouter = router({
  recent: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50), before: z.number().int().positive().optional() }).default({ limit: 50 }))
    .query(({ ctx, input }) => listAuditEvents(ctx.db, input)),
});
