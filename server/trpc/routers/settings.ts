import "server-only";
import { readSettings, settingsChange, updateSettings } from "@/server/settings/settings";
import { applyTrustedProxies } from "@/server/sites/apply-trusted-proxies";
import { protectedProcedure, router } from "../init";

export const settingsRouter = router({
  get: protectedProcedure.query(({ ctx }) => readSettings(ctx.db)),
  update: protectedProcedure.input(settingsChange).mutation(async ({ ctx, input }) => {
    const settings = await updateSettings(ctx.db, input);
    ctx.runs.kick();
    if (input.trustedProxies) {
      await applyTrustedProxies({ db: ctx.db, docker: ctx.docker, runtime: ctx.siteRuntime }).catch((error: unknown) => console.error("front config:", error));
    }
    return settings;
  }),
});
