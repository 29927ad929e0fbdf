import { z } from "zod";

/** A git URL Slipway can clone over SSH: ssh://[user@]host[:port]/path or scp-style user@host:path. */
const gitUrl = z
  .string()
  .trim()
  .max(500)
  .refine((url) => parseGitUrl(url) !== null, "Use an SSH git URL: ssh://git@host[:port]/path.git or git@host:path.git");

const FULL_SHA = /^[0-9a-f]{40}$/;

export const checkoutInput = z.object({
  url: gitUrl,
  revision: z
    .string()
    .trim()
    .min(1, "Name a branch, tag or full commit sha.")
    .max(200)
    .regex(/^[A-Za-z0-9._\/-]+$/, "A branch, tag or sha has letters, digits, '.', '_', '/' and '-' only.")
    .refine((r) => !r.startsWith("-") && !r.includes(".."), "Not a valid git revision."),
  keyId: z.string().min(1).max(64).nullable().default(null),
  submodules: z.boolean().default(false),
  mountName: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/, "A mount name has letters, digits, '.', '_' and '-' (it becomes /src/<name>).")
    .optional(),
});

export const taskInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the task a name.")
      .max(64)
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, "Use letters, digits, dots, dashes and underscores."),
    image: z
      .string()
      .trim()
      .min(1, "Name an image, e.g. node:20 or slipway/test:latest.")
      .max(255)
      .regex(/^[a-z0-9][a-z0-9._\/:@-]*$/, "Not a valid image reference."),
    build: z
      .object({
        repo: z.string().trim().min(1, "Name the checkout whose Dockerfile builds the image."),
        dockerfile: z.string().trim().min(1).max(255).default("Dockerfile").refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "The Dockerfile path stays inside the repository."),
      })
      .nullable()
      .default(null),
    command: z.array(z.string().max(10_000)).min(1, "Give the command as a list of arguments, e.g. [\"sh\", \"-c\", \"make\"].").max(200),
    env: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Environment variable names have letters, digits and underscores."), z.string().max(100_000))
      .default({}),
    workingDir: z.string().trim().max(255).regex(/^\//, "The working directory is an absolute path.").nullable().default(null),
    timeoutSeconds: z.number().int().min(1).max(7 * 24 * 3600).default(3600),
    checkouts: z.array(checkoutInput).max(20).default([]),
  })
  .superRefine((task, ctx) => {
    const names = task.checkouts.map((c) => c.mountName ?? defaultMountName(c.url));
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) ctx.addIssue({ code: "custom", path: ["checkouts", i, "mountName"], message: `Two checkouts mount at /src/${name}: give one another mount name.` });
    });
    if (task.build && !names.includes(task.build.repo)) {
      ctx.addIssue({ code: "custom", path: ["build", "repo"], message: `No checkout mounts at /src/${task.build.repo}.` });
    }
  });

export type TaskInput = z.infer<typeof taskInput>;
export type CheckoutInput = z.infer<typeof checkoutInput>;

export interface GitUrl {
  user: string;
  host: string;
  port: number;
  path: string;
}

/** ssh://user@host:port/path or user@host:path; null for anything else (https is not used: keys are SSH). */
export function parseGitUrl(url: string): GitUrl | null {
  const ssh = /^ssh:\/\/(?:([A-Za-z0-9._-]+)@)?([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?(\/[A-Za-z0-9._~\/-]+)$/.exec(url);
  if (ssh) return { user: ssh[1] ?? "git", host: ssh[2]!, port: ssh[3] ? Number(ssh[3]) : 22, path: ssh[4]! };
  const scp = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):([A-Za-z0-9._~][A-Za-z0-9._~\/-]*)$/.exec(url);
  if (scp) return { user: scp[1]!, host: scp[2]!, port: 22, path: scp[3]! };
  return null;
}

export function defaultMountName(url: string): string {
  const base = (url.split(/[/:]/).pop() ?? "repo").replace(/\.git$/, "");
  return base.replace(/[^a-zA-Z0-9._-]/g, "-").replace(/^[^a-zA-Z0-9]+/, "") || "repo";
}

export function isImmutableRevision(revision: string): boolean {
  return FULL_SHA.test(revision);
}
