import "server-only";
import Docker from "dockerode";

export interface DockerEndpoint {
  docker: Docker;
  /** Where the engine is, for error messages: the socket path or the DOCKER_HOST URL. */
  label: string;
}

/** The one place a dockerode client is made. `host` is DOCKER_HOST; unset means the local socket. */
export function createDockerEndpoint(host: string | undefined): DockerEndpoint {
  if (!host) {
    const socketPath = "/var/run/docker.sock";
    return { docker: new Docker({ socketPath }), label: socketPath };
  }
  if (host.startsWith("unix://")) {
    const socketPath = host.slice("unix://".length);
    return { docker: new Docker({ socketPath }), label: socketPath };
  }
  const url = new URL(host.replace(/^tcp:/, "http:"));
  const protocol = url.protocol === "https:" ? "https" : url.protocol === "ssh:" ? "ssh" : "http";
  const port = url.port || (protocol === "https" ? "2376" : protocol === "ssh" ? "22" : "2375");
  return {
    docker: new Docker({ protocol, host: url.hostname, port, username: url.username || undefined }),
    label: host,
  };
}
