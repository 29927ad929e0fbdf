import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { recordAuditEvent, describeInput } from "@/server/audit/record-audit-event";
import { authenticate } from "@/server/auth/authenticate";
import { clientIp, isSecureRequest } from "@/server/auth/client-ip";
import { principalLabel, type Principal } from "@/server/auth/principal";
import { AppError, trpcCodeOf } from "@/server/errors";
import type { Services } from "@/server/services";

// 1. Context: the shared services plus who is calling and from where.
export interface Context extends Services {
  principal: Principal | null;
  ip: string | null;
  userAgent: string | null;
  secure: boolean;
  /** Response headers the handler sends (login sets the session cookie here). */
  resHeaders: Headers;
}

export function createContextInner(services: Services, request: Partial<Omit<Context, keyof Services>> = {}): Context {
  return { ...services, principal: null, ip: null, userAgent: null, secure: false, resHeaders: new Headers(), ...request };
}

export async function createContext(services: Services, req: Request, resHeaders: Headers): Promise<Context> {
  return createContextInner(services, {
    principal: await authenticate(services.db, req.headers),
    ip: clientIp(req.headers, services.trustProxy),
    userAgent: req.headers.get("user-agent"),
    secure: isSecureRequest(req.url, req.headers, services.trustProxy),
    resHeaders,
  });
}

/** "name: Give the token a name." — one line per problem, with the field it is about. */
function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("\n");
}

// 2. tRPC itself: bad input is a 400 with zod's own words, never a 500.
const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const message = error.cause instanceof ZodError ? describeZodError(error.cause) : shape.message;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      message: internal ? "Internal error: see the panel's log." : message,
      data: { ...shape.data, stack: undefined, appCode: error.cause instanceof AppError ? error.cause.code : null },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. Domain errors become the matching tRPC (and HTTP) code.
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCodeOf(cause), message: cause.message, cause });
  }
  return result;
});

// 4. Procedures.
export const publicProcedure = t.procedure.use(mapAppErrors);

const requireAuth = t.middleware(({ ctx, next }) => {
  if (!ctx.principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in or send an API token (Authorization: Bearer …)." });
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

/** Every mutation leaves an audit event: who, what, when, from where, and whether it worked. */
const auditMutations = t.middleware(async ({ ctx, next, type, path, getRawInput }) => {
  const result = await next();
  if (type === "mutation" && ctx.principal) {
    await recordAuditEvent(ctx.db, {
      actorId: ctx.principal.userId,
      actor: principalLabel(ctx.principal),
      action: path,
      detail: describeInput(await getRawInput().catch(() => undefined)),
      outcome: result.ok ? "ok" : "error",
      ip: ctx.ip,
    });
  }
  return result;
});

export const protectedProcedure = publicProcedure.use(requireAuth).use(auditMutations);
