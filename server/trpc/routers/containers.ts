import "server-only";
import { z } from "zod";
import { controlContainer } from "@/server/containers/control-container";
import { listManagedContainers } from "@/server/containers/list-managed-containers";
import { watchManagedContainers } from "@/server/containers/watch-managed-containers";
import { protectedProcedure, router } from "../init";

const containerId = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, "A container id or name.");

export const containersRouter = router({
  list: protectedProcedure.query(({ ctx }) => listManagedContainers(ctx.docker)),

  /** Live snapshots over SSE: the engine's status and every managed container. */
  watch: protectedProcedure.subscription(async function* ({ ctx, signal }) {
    yield* watchManagedContainers(ctx.docker, ctx.engine, signal ?? new AbortController().signal);
  }),

  control: protectedProcedure
    .input(z.object({ id: containerId, action: z.enum(["start", "stop", "restart"]) }))
    .mutation(({ ctx, input }) => controlContainer(ctx.docker, input.id, input.action)),
});
