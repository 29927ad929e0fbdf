import "server-only";
import { readSettings, settingsChange, updateSettings } from "@/server/settings/settings";
import { writeTrustedProxies } from "@/server/front/trusted-proxies";
import { syncFront } from "@/server/sites/sync-front";
import { protectedProcedure, router } from "../init";

export const settingsRouter = router({
  get: protectedProcedure.query(({ ctx }) => readSettings(ctx.db)),
  update: protectedProcedure.input(settingsChange).mutation(async ({ ctx, input }) => {
    const settings = await updateSettings(ctx.db, input);
    ctx.runs.kick();
    if (input.trustedProxies && (await writeTrustedProxies(ctx.siteRuntime.frontStateDir, settings.trustedProxies))) {
      await syncFront({ db: ctx.db, docker: ctx.docker, runtime: ctx.siteRuntime }, { force: true }).catch((error: unknown) => console.error("front config:", error));
    }
    return settings;
  }),
});
