import { z } from "zod";
import { STACKS } from "../site-input";

/** What a deploy run executes: the site as it was when the deploy was triggered (stored as JSON on the run). */
export const deploySpec = z.object({
  siteId: z.string(),
  name: z.string(),
  stack: z.enum(STACKS),
  domains: z.array(z.string()).min(1),
  checkout: z.object({ url: z.string(), revision: z.string(), mutable: z.boolean(), keyId: z.string().nullable(), submodules: z.boolean(), mountName: z.string() }),
  build: z.object({ mode: z.enum(["auto", "none", "custom"]), command: z.array(z.string()).nullable() }),
  webRoot: z.string(),
  sharedPaths: z.array(z.string()),
  healthPath: z.string(),
  appPort: z.number().nullable(),
  dockerfile: z.string().nullable(),
  /** Roll back to this kept release instead of checking out and building a new one. */
  rollbackTo: z.number().nullable().default(null),
  timeoutSeconds: z.number(),
});

export type DeploySpec = z.infer<typeof deploySpec>;
