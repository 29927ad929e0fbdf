import "server-only";
import { createCallerFactory, router } from "./init";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { containersRouter } from "./routers/containers";
import { keysRouter } from "./routers/keys";
import { runsRouter } from "./routers/runs";
import { settingsRouter } from "./routers/settings";
import { sitesRouter } from "./routers/sites";
import { tasksRouter } from "./routers/tasks";
import { systemRouter } from "./routers/system";
import { tokensRouter } from "./routers/tokens";

export const appRouter = router({
  auth: authRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  containers: containersRouter,
  keys: keysRouter,
  tasks: tasksRouter,
  sites: sitesRouter,
  runs: runsRouter,
  settings: settingsRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
