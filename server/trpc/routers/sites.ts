import "server-only";
import { z } from "zod";
import { deleteSite } from "@/server/sites/delete-site";
import { triggerDeploy } from "@/server/sites/deploy/trigger-deploy";
import { getSite } from "@/server/sites/get-site";
import { frontServerState } from "@/server/sites/front-server-state";
import { listSites } from "@/server/sites/list-sites";
import { saveSite } from "@/server/sites/save-site";
import { setSiteCertificate } from "@/server/sites/site-certificate";
import { siteInput } from "@/server/sites/site-input";
import { syncFront } from "@/server/sites/sync-front";
import { protectedProcedure, router, type Context } from "../init";

const id = z.string().min(1).max(64);

/** Publishes the front config after a change; the site's page shows the outcome (a failure here never loses the change). */
async function publish(ctx: Context, force = false) {
  await syncFront({ db: ctx.db, docker: ctx.docker, runtime: ctx.siteRuntime }, { force }).catch((error: unknown) => console.error("front config:", error));
}

export const sitesRouter = router({
  list: protectedProcedure.query(({ ctx }) => listSites(ctx.db)),
  /** The shared front server: where it listens and whether it runs (with the reason when not). */
  front: protectedProcedure.query(({ ctx }) => frontServerState(ctx.siteRuntime, ctx.sites)),
  get: protectedProcedure.input(z.object({ siteId: id })).query(({ ctx, input }) => getSite(ctx.db, ctx.docker, ctx.siteRuntime, input.siteId)),
  create: protectedProcedure.input(siteInput).mutation(async ({ ctx, input }) => {
    const site = await saveSite(ctx.db, ctx.masterKey, input);
    await publish(ctx);
    return site;
  }),
  update: protectedProcedure.input(z.object({ siteId: id, site: siteInput })).mutation(async ({ ctx, input }) => {
    const site = await saveSite(ctx.db, ctx.masterKey, input.site, input.siteId);
    await publish(ctx);
    return site;
  }),
  delete: protectedProcedure.input(z.object({ siteId: id })).mutation(({ ctx, input }) => deleteSite(ctx.db, ctx.docker, ctx.siteRuntime, input.siteId)),
  deploy: protectedProcedure.input(z.object({ siteId: id })).mutation(async ({ ctx, input }) => {
    const run = await triggerDeploy(ctx.db, input.siteId, ctx.principal.via === "token" ? "api" : "manual");
    ctx.runs.kick();
    return run;
  }),
  rollback: protectedProcedure.input(z.object({ siteId: id, release: z.number().int().min(1) })).mutation(async ({ ctx, input }) => {
    const run = await triggerDeploy(ctx.db, input.siteId, ctx.principal.via === "token" ? "api" : "manual", input.release);
    ctx.runs.kick();
    return run;
  }),
  setCertificate: protectedProcedure
    .input(z.object({ siteId: id, certificate: z.string().trim().min(1, "Paste the certificate (PEM).").max(100_000), privateKey: z.string().trim().min(1, "Paste the private key (PEM).").max(20_000) }))
    .mutation(async ({ ctx, input }) => {
      const info = await setSiteCertificate(ctx.db, ctx.masterKey, ctx.siteRuntime, input.siteId, { certificate: input.certificate, privateKey: input.privateKey });
      await publish(ctx, true);
      return info;
    }),
  removeCertificate: protectedProcedure.input(z.object({ siteId: id })).mutation(async ({ ctx, input }) => {
    await setSiteCertificate(ctx.db, ctx.masterKey, ctx.siteRuntime, input.siteId, null);
    await publish(ctx, true);
    return { id: input.siteId };
  }),
});
