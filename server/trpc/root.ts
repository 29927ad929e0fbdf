import "server-only";
import { createCallerFactory, router } from "./init";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { containersRouter } from "./routers/containers";
import { keysRouter } from "./routers/keys";
import { systemRouter } from "./routers/system";
import { tokensRouter } from "./routers/tokens";

export const appRouter = router({
  auth: authRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  containers: containersRouter,
  keys: keysRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
