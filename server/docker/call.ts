import "server-only";
import { toDockerError } from "./errors";

export interface CallOptions {
  /** Upper bound for this call; every Docker call has one. */
  timeoutMs?: number;
  /** Cancels the call early (a run being cancelled, a request going away). */
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Runs one dockerode call with a deadline and turns its failure into a DockerError.
 * `doing` completes the sentence "… while <doing>" in error messages.
 */
export async function dockerCall<T>(
  endpoint: string,
  doing: string,
  options: CallOptions | undefined,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const signal = deadline(options);
  try {
    return await fn(signal);
  } catch (error) {
    throw toDockerError(error, doing, endpoint);
  }
}

export function deadline(options: CallOptions | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(options?.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return options?.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
}
