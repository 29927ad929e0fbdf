import "server-only";
import { protectedProcedure, router } from "../init";

export const systemRouter = router({
  /** The Docker engine as the panel sees it now (the banner polls this). */
  engine: protectedProcedure.query(({ ctx }) => ctx.engine.status),
});
