import "server-only";
import { dockerCall, type CallOptions } from "./call";
import type { DockerEndpoint } from "./client";
import { demuxDockerStream } from "./demux";

export interface ExecRequest {
  cmd: string[];
  env?: Record<string, string>;
  workingDir?: string;
  user?: string;
  /** Bytes written to the command's stdin, then closed. */
  stdin?: Buffer;
}

export function execOps({ docker, label }: DockerEndpoint) {
  return {
    /** Runs a command inside a running container and collects its output (for short, bounded commands). */
    run: (containerId: string, request: ExecRequest, options?: CallOptions) =>
      dockerCall(label, `running ${request.cmd[0] ?? "a command"} in container ${containerId}`, { timeoutMs: 60_000, ...options }, async (abortSignal) => {
        const exec = await docker.getContainer(containerId).exec({
          Cmd: request.cmd,
          Env: request.env ? Object.entries(request.env).map(([k, v]) => `${k}=${v}`) : undefined,
          WorkingDir: request.workingDir,
          User: request.user,
          AttachStdout: true,
          AttachStderr: true,
          AttachStdin: request.stdin !== undefined,
          abortSignal,
        });
        const stream = await exec.start({ hijack: request.stdin !== undefined, stdin: request.stdin !== undefined, abortSignal });
        if (request.stdin !== undefined) stream.end(request.stdin);
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        for await (const chunk of demuxDockerStream(stream as AsyncIterable<Buffer>)) (chunk.stream === "stdout" ? out : err).push(chunk.data);
        const info = await exec.inspect({ abortSignal });
        return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
      }),
  };
}

export type ExecOps = ReturnType<typeof execOps>;
