import "server-only";
import type Docker from "dockerode";
import { dockerCall, deadline, type CallOptions } from "./call";
import { demuxDockerStream } from "./demux";
import { toDockerError } from "./errors";
import { labelFilter } from "./labels";
import type { DockerEndpoint } from "./client";
import type { ContainerDetails, ContainerHealth, ContainerSpec, ContainerState, ContainerSummary, Labels, LogChunk } from "./types";

export interface ListFilter {
  labels?: Record<string, string | true>;
  /** Include stopped containers (default true). */
  all?: boolean;
}

export interface LogOptions extends CallOptions {
  follow?: boolean;
  /** Unix seconds; only output after this time. */
  since?: number;
  timestamps?: boolean;
}

function nameOf(names: string[] | undefined): string {
  return (names?.[0] ?? "").replace(/^\//, "");
}

function toSummary(info: Docker.ContainerInfo): ContainerSummary {
  return {
    id: info.Id,
    name: nameOf(info.Names),
    image: info.Image,
    state: info.State as ContainerState,
    status: info.Status,
    labels: info.Labels ?? {},
    createdAt: new Date(info.Created * 1000).toISOString(),
  };
}

const zeroTime = "0001-01-01T00:00:00Z";
const timeOrNull = (value: string | undefined) => (!value || value === zeroTime ? null : value);

function toDetails(info: Docker.ContainerInspectInfo): ContainerDetails {
  const health = (info.State.Health?.Status ?? null) as ContainerHealth;
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ""),
    image: info.Config.Image,
    state: info.State.Status as ContainerState,
    status: info.State.Status,
    labels: info.Config.Labels ?? {},
    createdAt: info.Created,
    running: info.State.Running,
    health: health === ("none" as string) ? null : health,
    startedAt: timeOrNull(info.State.StartedAt),
    finishedAt: timeOrNull(info.State.FinishedAt),
    exitCode: info.State.Running ? null : info.State.ExitCode,
    oomKilled: info.State.OOMKilled,
    error: info.State.Error || null,
  };
}

function toCreateOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  const portBindings: Record<string, { HostPort: string; HostIp?: string }[]> = {};
  const exposed: Record<string, object> = {};
  for (const [containerPort, binding] of Object.entries(spec.ports ?? {})) {
    const { hostPort, hostIp } = typeof binding === "number" ? { hostPort: binding, hostIp: undefined } : binding;
    portBindings[containerPort] = [{ HostPort: String(hostPort), ...(hostIp ? { HostIp: hostIp } : {}) }];
    exposed[containerPort] = {};
  }
  return {
    name: spec.name,
    Image: spec.image,
    Cmd: spec.cmd,
    Entrypoint: spec.entrypoint,
    Env: spec.env ? Object.entries(spec.env).map(([k, v]) => `${k}=${v}`) : undefined,
    Labels: spec.labels,
    WorkingDir: spec.workingDir,
    User: spec.user,
    Tty: spec.tty ?? false,
    OpenStdin: spec.openStdin ?? false,
    StdinOnce: spec.openStdin ?? false,
    AttachStdin: spec.openStdin ?? false,
    StopSignal: spec.stopSignal,
    StopTimeout: spec.stopTimeoutSeconds,
    ExposedPorts: Object.keys(exposed).length ? exposed : undefined,
    HostConfig: {
      Mounts: spec.mounts?.map((m) => ({
        Type: m.type,
        Source: m.source ?? "",
        Target: m.target,
        ReadOnly: m.readOnly ?? false,
      })),
      NetworkMode: spec.networkMode,
      RestartPolicy: spec.restartPolicy ? { Name: spec.restartPolicy } : undefined,
      PortBindings: Object.keys(portBindings).length ? portBindings : undefined,
      Tmpfs: spec.tmpfs,
    },
  };
}

export function containerOps({ docker, label }: DockerEndpoint) {
  const call = <T>(doing: string, options: CallOptions | undefined, fn: (signal: AbortSignal) => Promise<T>) =>
    dockerCall(label, doing, options, fn);

  return {
    list: (filter: ListFilter = {}, options?: CallOptions): Promise<ContainerSummary[]> =>
      call("listing containers", options, async (abortSignal) => {
        const filters: Record<string, string[]> = filter.labels ? { label: labelFilter(filter.labels) } : {};
        const list = await docker.listContainers({ all: filter.all ?? true, filters, abortSignal });
        return list.map(toSummary);
      }),

    inspect: (id: string, options?: CallOptions): Promise<ContainerDetails> =>
      call(`inspecting container ${id}`, options, async (abortSignal) => toDetails(await docker.getContainer(id).inspect({ abortSignal }))),

    create: (spec: ContainerSpec, options?: CallOptions): Promise<{ id: string }> =>
      call(`creating container ${spec.name ?? `from ${spec.image}`}`, options, async (abortSignal) => {
        const container = await docker.createContainer({ ...toCreateOptions(spec), abortSignal });
        return { id: container.id };
      }),

    /** Starting a container that is already running (e.g. its restart policy just started it) is not an error. */
    start: (id: string, options?: CallOptions): Promise<void> =>
      call(`starting container ${id}`, options, async (abortSignal) => {
        try {
          await docker.getContainer(id).start({ abortSignal });
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode !== 304) throw error;
        }
      }),

    /** SIGTERM, then SIGKILL after `graceSeconds`. Stopping a stopped container is not an error. */
    stop: (id: string, graceSeconds = 10, options?: CallOptions): Promise<void> =>
      call(`stopping container ${id}`, { timeoutMs: (graceSeconds + 15) * 1000, ...options }, async (abortSignal) => {
        try {
          await docker.getContainer(id).stop({ t: graceSeconds, abortSignal });
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode !== 304) throw error;
        }
      }),

    restart: (id: string, graceSeconds = 10, options?: CallOptions): Promise<void> =>
      call(`restarting container ${id}`, { timeoutMs: (graceSeconds + 15) * 1000, ...options }, async (abortSignal) => {
        await docker.getContainer(id).restart({ t: graceSeconds, abortSignal });
      }),

    kill: (id: string, signal = "SIGKILL", options?: CallOptions): Promise<void> =>
      call(`sending ${signal} to container ${id}`, options, async (abortSignal) => {
        await docker.getContainer(id).kill({ signal, abortSignal });
      }),

    remove: (id: string, opts: { force?: boolean; volumes?: boolean } = {}, options?: CallOptions): Promise<void> =>
      call(`removing container ${id}`, options, async (abortSignal) => {
        await docker.getContainer(id).remove({ force: opts.force ?? false, v: opts.volumes ?? false, abortSignal });
      }),

    /** Waits until the container stops and returns its exit code. Bounded by `timeoutMs` (default: no bound but the signal). */
    wait: (id: string, options: CallOptions = {}): Promise<{ exitCode: number }> =>
      call(`waiting for container ${id}`, { timeoutMs: options.timeoutMs ?? 2 ** 31 - 1, signal: options.signal }, async (abortSignal) => {
        const result = (await docker.getContainer(id).wait({ abortSignal })) as { StatusCode: number };
        return { exitCode: result.StatusCode };
      }),

    /**
     * Output of a container as demultiplexed chunks (or raw stdout for TTY containers).
     * With `follow`, the iterator ends when the container stops or the signal aborts.
     */
    logs: (id: string, opts: LogOptions = {}): AsyncGenerator<LogChunk> =>
      streamLogs(docker, label, id, opts),

    /**
     * Writes bytes to the stdin of a container created with `openStdin`, then closes it. The bytes travel
     * over the engine's socket only: never in the container's config, arguments, environment or disk.
     */
    writeStdin: (id: string, data: Buffer, options?: CallOptions): Promise<void> =>
      call(`writing to the input of container ${id}`, options, async (abortSignal) => {
        const stream = await docker.getContainer(id).attach({ stream: true, stdin: true, hijack: true, abortSignal });
        await new Promise<void>((resolve, reject) => {
          stream.on("error", reject);
          stream.end(data, () => resolve());
        });
      }),

    /**
     * Live output from now on (no history), until the container stops or the signal aborts.
     * Resolves once the attachment is open, so a container started afterwards loses nothing.
     */
    attach: (id: string, opts: { signal?: AbortSignal } = {}): Promise<AsyncGenerator<LogChunk>> => openAttach(docker, label, id, opts.signal),
  };
}

async function* streamLogs(docker: Docker, label: string, id: string, opts: LogOptions): AsyncGenerator<LogChunk> {
  const container = docker.getContainer(id);
  const abortSignal = opts.follow ? (opts.signal ?? new AbortController().signal) : deadline(opts);
  let tty: boolean;
  let stream: NodeJS.ReadableStream;
  try {
    tty = (await container.inspect({ abortSignal: deadline({ signal: opts.signal }) })).Config.Tty;
    const common = { stdout: true, stderr: true, since: opts.since ?? 0, timestamps: opts.timestamps ?? false, abortSignal };
    stream = opts.follow
      ? await container.logs({ ...common, follow: true })
      : ((await container.logs({ ...common, follow: false })) as unknown as NodeJS.ReadableStream);
  } catch (error) {
    throw toDockerError(error, `reading logs of container ${id}`, label);
  }
  const source: AsyncIterable<Buffer> = Buffer.isBuffer(stream) ? oneChunk(stream as Buffer) : (stream as AsyncIterable<Buffer>);
  try {
    if (tty) {
      for await (const data of source) yield { stream: "stdout", data: Buffer.from(data) };
    } else {
      yield* demuxDockerStream(source);
    }
  } catch (error) {
    if (opts.signal?.aborted) return;
    throw toDockerError(error, `reading logs of container ${id}`, label);
  } finally {
    const destroyable = stream as { destroy?: () => void };
    destroyable.destroy?.();
  }
}

async function openAttach(docker: Docker, label: string, id: string, signal?: AbortSignal): Promise<AsyncGenerator<LogChunk>> {
  const container = docker.getContainer(id);
  try {
    const tty = (await container.inspect({ abortSignal: deadline({ signal }) })).Config.Tty;
    const stream = await container.attach({ stream: true, stdout: true, stderr: true, abortSignal: signal });
    return readAttached(stream, tty, label, id, signal);
  } catch (error) {
    throw toDockerError(error, `attaching to container ${id}`, label);
  }
}

async function* readAttached(stream: NodeJS.ReadWriteStream, tty: boolean, label: string, id: string, signal?: AbortSignal): AsyncGenerator<LogChunk> {
  const onAbort = () => (stream as { destroy?: () => void }).destroy?.();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (tty) for await (const data of stream as AsyncIterable<Buffer>) yield { stream: "stdout", data: Buffer.from(data) };
    else yield* demuxDockerStream(stream as AsyncIterable<Buffer>);
  } catch (error) {
    if (signal?.aborted) return;
    throw toDockerError(error, `reading output of container ${id}`, label);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    onAbort();
  }
}

async function* oneChunk(data: Buffer): AsyncGenerator<Buffer> {
  yield data;
}

export type ContainerOps = ReturnType<typeof containerOps>;
export type { Labels };
