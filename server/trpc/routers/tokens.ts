import "server-only";
import { z } from "zod";
import { createApiToken } from "@/server/tokens/create-api-token";
import { listApiTokens } from "@/server/tokens/list-api-tokens";
import { revokeApiToken } from "@/server/tokens/revoke-api-token";
import { protectedProcedure, router } from "../init";

export const tokensRouter = router({
  list: protectedProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.principal.userId)),

  create: protectedProcedure
    .input(z.object({ name: z.string().trim().min(1, "Give the token a name.").max(80, "Keep the name under 80 characters.") }))
    .mutation(({ ctx, input }) => createApiToken(ctx.db, ctx.principal.userId, input.name)),

  revoke: protectedProcedure
    .input(z.object({ tokenId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => revokeApiToken(ctx.db, ctx.principal.userId, input.tokenId)),
});
