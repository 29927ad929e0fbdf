import "server-only";
import { z } from "zod";
import { login } from "@/server/auth/login";
import { clearedSessionCookie, deleteSession, sessionCookie } from "@/server/auth/sessions";
import { protectedProcedure, publicProcedure, router } from "../init";

export const authRouter = router({
  login: publicProcedure
    .input(z.object({ email: z.email("Enter a valid e-mail address."), password: z.string().min(1, "Enter your password.").max(1024) }))
    .mutation(async ({ ctx, input }) => {
      const result = await login(ctx.db, ctx.loginLimiter, input, { ip: ctx.ip, userAgent: ctx.userAgent });
      ctx.resHeaders.append("set-cookie", sessionCookie(result.token, result.expiresAt, ctx.secure));
      return { user: result.user };
    }),

  logout: protectedProcedure.mutation(async ({ ctx }) => {
    if (ctx.principal.sessionId) await deleteSession(ctx.db, ctx.principal.sessionId);
    ctx.resHeaders.append("set-cookie", clearedSessionCookie(ctx.secure));
    return { ok: true };
  }),

  me: protectedProcedure.query(({ ctx }) => ({ id: ctx.principal.userId, email: ctx.principal.email, via: ctx.principal.via })),
});
