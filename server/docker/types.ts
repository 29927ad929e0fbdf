/** Plain data shapes of the Docker port: nothing here leaks dockerode types to callers. */

export type Labels = Record<string, string>;

export type ContainerState = "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";
export type ContainerHealth = "healthy" | "unhealthy" | "starting" | null;

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  status: string;
  labels: Labels;
  createdAt: string;
}

export interface ContainerDetails extends ContainerSummary {
  running: boolean;
  health: ContainerHealth;
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  oomKilled: boolean;
  error: string | null;
}

export interface Mount {
  type: "volume" | "bind" | "tmpfs";
  /** Volume name or host path; unused for tmpfs. */
  source?: string;
  target: string;
  readOnly?: boolean;
}

export interface ContainerSpec {
  name?: string;
  image: string;
  cmd?: string[];
  entrypoint?: string[];
  env?: Record<string, string>;
  labels: Labels;
  workingDir?: string;
  user?: string;
  tty?: boolean;
  mounts?: Mount[];
  networkMode?: string;
  restartPolicy?: "no" | "always" | "unless-stopped" | "on-failure";
  /** Host ports by container port, e.g. { "80/tcp": 8080 } or { "22/tcp": { hostPort: 2222, hostIp: "127.0.0.1" } }. */
  ports?: Record<string, number | { hostPort: number; hostIp?: string }>;
  /** In-memory filesystems by path, with mount options ("size=1m,mode=0700"). */
  tmpfs?: Record<string, string>;
  /** Keep stdin open so one attach can write to it (closed after that attach). */
  openStdin?: boolean;
  stopSignal?: string;
  stopTimeoutSeconds?: number;
}

export interface LogChunk {
  stream: "stdout" | "stderr";
  data: Buffer;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ImageInfo {
  id: string;
  tags: string[];
  labels: Labels;
  createdAt: string;
  sizeBytes: number;
}

export interface BuildRequest {
  /** A tar stream of the build context. */
  context: NodeJS.ReadableStream;
  tag: string;
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  labels: Labels;
  pull?: boolean;
  /** Each line of build output as the engine reports it. */
  onOutput?: (line: string) => void;
  signal?: AbortSignal;
}

export interface VolumeInfo {
  name: string;
  labels: Labels;
  mountpoint: string;
  createdAt: string | null;
}

export interface NetworkInfo {
  id: string;
  name: string;
  driver: string;
  internal: boolean;
  labels: Labels;
}

export interface DockerEvent {
  type: string;
  action: string;
  id: string;
  name: string | null;
  labels: Labels;
  time: number;
}

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}
