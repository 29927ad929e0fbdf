import { z } from "zod";

/** What a run executes: the task as it was when the run was triggered (stored as JSON on the run). */
export const taskSpec = z.object({
  taskId: z.string(),
  name: z.string(),
  image: z.string(),
  build: z.object({ repo: z.string(), dockerfile: z.string() }).nullable(),
  command: z.array(z.string()),
  env: z.record(z.string(), z.string()),
  workingDir: z.string().nullable(),
  timeoutSeconds: z.number(),
  checkouts: z.array(
    z.object({
      url: z.string(),
      revision: z.string(),
      mutable: z.boolean(),
      keyId: z.string().nullable(),
      submodules: z.boolean(),
      mountName: z.string(),
    }),
  ),
});

export type TaskSpec = z.infer<typeof taskSpec>;
export type CheckoutSpec = TaskSpec["checkouts"][number];
