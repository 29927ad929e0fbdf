import "server-only";
import { z } from "zod";
import { createDeployKey } from "@/server/keys/create-deploy-key";
import { deleteDeployKey } from "@/server/keys/delete-deploy-key";
import { forgetKnownHost, listKnownHosts } from "@/server/keys/known-hosts-admin";
import { listDeployKeys } from "@/server/keys/list-deploy-keys";
import { protectedProcedure, router } from "../init";

const keyName = z
  .string()
  .trim()
  .min(1, "Give the key a name.")
  .max(64, "Keep the name under 64 characters.")
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, "Use letters, digits, dots, dashes and underscores.");

export const keysRouter = router({
  list: protectedProcedure.query(({ ctx }) => listDeployKeys(ctx.db)),

  create: protectedProcedure
    .input(z.object({ name: keyName, comment: z.string().trim().max(120).optional() }))
    .mutation(({ ctx, input }) => createDeployKey(ctx.db, ctx.masterKey, input)),

  import: protectedProcedure
    .input(z.object({ name: keyName, comment: z.string().trim().max(120).optional(), privateKey: z.string().min(1, "Paste the private key.").max(20_000) }))
    .mutation(({ ctx, input }) => createDeployKey(ctx.db, ctx.masterKey, input)),

  knownHosts: protectedProcedure.query(({ ctx }) => listKnownHosts(ctx.db)),

  forgetHost: protectedProcedure
    .input(z.object({ host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535) }))
    .mutation(({ ctx, input }) => forgetKnownHost(ctx.db, input.host, input.port)),

  delete: protectedProcedure
    .input(z.object({ keyId: z.string().min(1).max(64), force: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => deleteDeployKey(ctx.db, input.keyId, input.force)),
});
