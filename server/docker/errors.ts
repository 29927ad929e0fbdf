import "server-only";
import { AppError } from "@/server/errors";

export type DockerErrorKind = "unreachable" | "timeout" | "not_found" | "conflict" | "engine";

/** A Docker failure, phrased so a person knows what happened and what to do. */
export class DockerError extends AppError {
  readonly kind: DockerErrorKind;
  constructor(kind: DockerErrorKind, message: string, cause?: unknown) {
    super(codeOf(kind), message, { cause });
    this.name = "DockerError";
    this.kind = kind;
  }
}

function codeOf(kind: DockerErrorKind) {
  switch (kind) {
    case "unreachable":
    case "timeout":
      return "DOCKER_UNAVAILABLE" as const;
    case "not_found":
      return "NOT_FOUND" as const;
    case "conflict":
      return "CONFLICT" as const;
    case "engine":
      return "DOCKER_FAILED" as const;
  }
}

interface ModemError {
  code?: string;
  name?: string;
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | string | null;
  message?: string;
}

const unreachableCodes = new Set(["ECONNREFUSED", "ENOENT", "EACCES", "ECONNRESET", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]);

/** Turns whatever dockerode threw into a DockerError that says what we were doing. */
export function toDockerError(error: unknown, doing: string, endpoint: string): DockerError {
  if (error instanceof DockerError) return error;
  const e = (error ?? {}) as ModemError;
  if (e.name === "AbortError" || e.name === "TimeoutError" || e.code === "ABORT_ERR") {
    return new DockerError("timeout", `Docker did not answer in time while ${doing} (${endpoint}).`, error);
  }
  if (e.code && unreachableCodes.has(e.code)) {
    const hint =
      e.code === "EACCES"
        ? "Slipway's user may not use the Docker socket: run as root or add it to the docker group."
        : "Start the Docker engine (or set DOCKER_HOST to a reachable one).";
    return new DockerError("unreachable", `Docker engine is not reachable at ${endpoint} (${e.code}) while ${doing}. ${hint}`, error);
  }
  const engineMessage = engineMessageOf(e);
  if (e.statusCode === 404) return new DockerError("not_found", `Not found while ${doing}: ${engineMessage}`, error);
  if (e.statusCode === 409) return new DockerError("conflict", `Conflict while ${doing}: ${engineMessage}`, error);
  return new DockerError("engine", `Docker failed while ${doing}: ${engineMessage}`, error);
}

function engineMessageOf(e: ModemError): string {
  if (e.json && typeof e.json === "object" && typeof e.json.message === "string") return e.json.message;
  if (typeof e.json === "string" && e.json.trim()) return e.json.trim();
  return e.reason ?? e.message ?? "unknown error";
}
