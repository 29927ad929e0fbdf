import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A unix socket that forwards to the real Docker socket and can be cut and restored,
 * so tests can watch the panel lose a real engine and find it again without stopping dockerd.
 */
export class DockerSocketProxy {
  readonly socketPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "slipway-proxy-")), "docker.sock");
  private server: net.Server | null = null;
  private readonly connections = new Set<net.Socket>();

  constructor(private readonly target = "/var/run/docker.sock") {}

  async open(): Promise<void> {
    fs.rmSync(this.socketPath, { force: true });
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.connections.add(s);
        s.on("close", () => this.connections.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.socketPath, resolve));
    this.server = server;
  }

  async cut(): Promise<void> {
    for (const s of this.connections) s.destroy();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
    fs.rmSync(this.socketPath, { force: true });
  }
}
