import "server-only";
import { readSettings, settingsChange, updateSettings } from "@/server/settings/settings";
import { protectedProcedure, router } from "../init";

export const settingsRouter = router({
  get: protectedProcedure.query(({ ctx }) => readSettings(ctx.db)),
  update: protectedProcedure.input(settingsChange).mutation(async ({ ctx, input }) => {
    const settings = await updateSettings(ctx.db, input);
    ctx.runs.kick();
    return settings;
  }),
});
