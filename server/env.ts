import "server-only";
import path from "node:path";
import { z } from "zod";

/** Slipway's whole configuration: parsed once, the only reader of process.env. */
const schema = z.object({
  SLIPWAY_DATA_DIR: z.string().min(1).default("./data"),
  SLIPWAY_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SLIPWAY_BIND: z.string().min(1).default("0.0.0.0"),
  DOCKER_HOST: z.string().min(1).optional(),
  SLIPWAY_ADMIN_EMAIL: z.email().default("admin@slipway.local"),
  SLIPWAY_ADMIN_PASSWORD: z.string().min(12, "SLIPWAY_ADMIN_PASSWORD must be at least 12 characters").optional(),
  /** Base of Slipway's Debian images; unset: debian:bookworm-slim, or one built from Debian's packages offline. */
  SLIPWAY_BASE_IMAGE: z.string().min(1).optional(),
  SLIPWAY_DEBIAN_MIRROR: z.url().default("http://deb.debian.org/debian"),
  /** 32 bytes, base64: seals deploy keys and secrets. Unset: kept in <data dir>/master.key (0600), made on first start. */
  SLIPWAY_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "SLIPWAY_MASTER_KEY must be 32 bytes in base64 (openssl rand -base64 32)")
    .optional(),
  /** Docker network run containers (checkouts, tasks) join; unset: the engine's default bridge. */
  SLIPWAY_RUN_NETWORK: z.string().min(1).optional(),
  /** Host ports and address of the shared front server that serves every site. */
  SLIPWAY_FRONT_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(80),
  SLIPWAY_FRONT_HTTPS_PORT: z.coerce.number().int().min(1).max(65535).default(443),
  SLIPWAY_FRONT_BIND: z.string().min(1).default("0.0.0.0"),
  /** Prefix of the front server's, the networks' and the session stores' names (tests run their own set). */
  SLIPWAY_DOCKER_PREFIX: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,40}$/).default("slipway"),
  SLIPWAY_TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

export type Env = z.infer<typeof schema> & { dataDir: string; databaseFile: string };

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid Slipway configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const dataDir = path.resolve(parsed.data.SLIPWAY_DATA_DIR);
  return { ...parsed.data, dataDir, databaseFile: path.join(dataDir, "slipway.db") };
}

export const env: Env = parseEnv(process.env);
