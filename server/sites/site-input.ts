import { z } from "zod";
import { checkoutInput } from "@/server/tasks/task-input";
import { isValidHostname } from "@/server/front/hostname";

export const STACKS = ["static", "nginx-php-fpm", "apache", "php-server", "dockerfile"] as const;
export type Stack = (typeof STACKS)[number];
export const SESSION_HANDLERS = ["files", "redis", "memcached"] as const;

/** A path inside a release: relative, no "..", no hidden tricks. */
const relativePath = (what: string) =>
  z
    .string()
    .trim()
    .max(255)
    .regex(/^[A-Za-z0-9._\/-]*$/, `${what} has letters, digits, '.', '_', '-' and '/' only.`)
    .refine((p) => !p.startsWith("/") && !p.split("/").some((part) => part === ".." || part === "."), `${what} is relative to the release and stays inside it (no "..").`);

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isValidHostname, "Not a valid host name (letters, digits and '-' in dot-separated labels, e.g. shop.example.com).");

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Environment variable names have letters, digits and underscores.").max(128);

/** Any text but NUL (values reach PHP as PHP literals, never through a shell or a config parser). */
const envValue = z.string().max(10_000).refine((v) => !v.includes("\0"), "Values cannot contain NUL characters.");

const iniKey = z.string().regex(/^[a-z0-9_.]+$/, "php.ini settings are like memory_limit or opcache.enable.").max(100);
const iniValue = z.string().max(500).regex(/^[^\r\n\0"]*$/, "One line, no double quotes.");

export const FPM_POOL_KEYS = ["pm", "pm.max_children", "pm.start_servers", "pm.min_spare_servers", "pm.max_spare_servers", "pm.process_idle_timeout", "pm.max_requests", "request_terminate_timeout"] as const;

export const siteInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the site a name.")
      .max(40)
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "Use lower-case letters, digits and '-' (it names the site's folder and containers)."),
    domains: z.array(domain).min(1, "Give at least one domain; the first is the primary one.").max(50),
    stack: z.enum(STACKS),
    source: checkoutInput.pick({ url: true, revision: true, keyId: true, submodules: true }),
    build: z
      .object({
        mode: z.enum(["auto", "none", "custom"]).default("auto"),
        command: z.array(z.string().max(10_000)).min(1).max(200).nullable().default(null),
      })
      .refine((b) => b.mode !== "custom" || b.command !== null, { message: "A custom build needs a command, e.g. [\"sh\", \"-c\", \"make\"].", path: ["command"] })
      .default({ mode: "auto", command: null }),
    webRoot: relativePath("The web root").default(""),
    env: z.array(z.object({ name: envName, value: envValue.nullable(), secret: z.boolean().default(false) })).max(200).default([]),
    sharedPaths: z.array(relativePath("A shared path").refine((p) => p.replace(/\/$/, "") !== "", "A shared path names a file or folder.")).max(50).default([]),
    healthPath: z
      .string()
      .trim()
      .max(500)
      .regex(/^\/[A-Za-z0-9._~\/?=&%+-]*$/, "An absolute URL path, e.g. / or /health.")
      .default("/"),
    php: z
      .object({
        ini: z.record(iniKey, iniValue).default({}),
        fpmPool: z.partialRecord(z.enum(FPM_POOL_KEYS), z.string().max(50).regex(/^[A-Za-z0-9.]+$/, "A plain value such as 10, 30s or dynamic.")).default({}),
        sessionHandler: z.enum(SESSION_HANDLERS).default("files"),
      })
      .default({ ini: {}, fpmPool: {}, sessionHandler: "files" }),
    appPort: z.number().int().min(1).max(65535).nullable().default(null),
    dockerfile: relativePath("The Dockerfile path").nullable().default(null),
    customSnippet: z.string().max(20_000).nullable().default(null),
  })
  .superRefine((site, ctx) => {
    site.domains.forEach((d, i) => {
      if (site.domains.indexOf(d) !== i) ctx.addIssue({ code: "custom", path: ["domains", i], message: `${d} is listed twice.` });
    });
    site.env.forEach((e, i) => {
      if (site.env.findIndex((x) => x.name === e.name) !== i) ctx.addIssue({ code: "custom", path: ["env", i, "name"], message: `${e.name} is set twice.` });
    });
    if (site.stack === "dockerfile" && site.appPort === null) ctx.addIssue({ code: "custom", path: ["appPort"], message: "Say which port the app listens on inside its container." });
  });

export type SiteInput = z.infer<typeof siteInput>;
