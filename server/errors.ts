import "server-only";

/** Every domain failure Slipway can explain to a person. */
export type AppErrorCode =
  | "UNAUTHORIZED"
  | "INVALID_CREDENTIALS"
  | "RATE_LIMITED"
  | "NOT_FOUND"
  | "CONFLICT"
  | "BAD_INPUT"
  | "DOCKER_UNAVAILABLE"
  | "DOCKER_FAILED";

export class AppError extends Error {
  readonly code: AppErrorCode;
  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
  }
}

export type TrpcCode =
  | "UNAUTHORIZED"
  | "TOO_MANY_REQUESTS"
  | "NOT_FOUND"
  | "CONFLICT"
  | "BAD_REQUEST"
  | "SERVICE_UNAVAILABLE"
  | "BAD_GATEWAY";

const trpcCodes: Record<AppErrorCode, TrpcCode> = {
  UNAUTHORIZED: "UNAUTHORIZED",
  INVALID_CREDENTIALS: "UNAUTHORIZED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  BAD_INPUT: "BAD_REQUEST",
  DOCKER_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  DOCKER_FAILED: "BAD_GATEWAY",
};

export function trpcCodeOf(error: AppError): TrpcCode {
  return trpcCodes[error.code];
}
