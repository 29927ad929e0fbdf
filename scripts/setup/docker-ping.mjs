// Answers whether a Docker engine is reachable, without any npm dependency (runs before `npm ci`).
// Exit 0 and prints the engine version if it answers; exit 1 and prints why not.
import http from "node:http";

const host = process.env.DOCKER_HOST;
let options;
if (!host || host.startsWith("unix://")) {
  options = { socketPath: host ? host.slice("unix://".length) : "/var/run/docker.sock" };
} else if (host.startsWith("tcp://") || host.startsWith("http://")) {
  const url = new URL(host.replace(/^tcp:/, "http:"));
  options = { host: url.hostname, port: url.port || 2375 };
} else {
  console.log(`DOCKER_HOST=${host}: only unix:// and tcp:// are checked here; assuming it answers`);
  process.exit(0);
}
const where = options.socketPath ?? `${options.host}:${options.port}`;
const req = http.get({ ...options, path: "/version", timeout: 3000 }, (res) => {
  let body = "";
  res.on("data", (chunk) => (body += chunk));
  res.on("end", () => {
    try {
      const v = JSON.parse(body);
      console.log(`Docker ${v.Version} (API ${v.ApiVersion}) at ${where}`);
      process.exit(0);
    } catch {
      console.log(`${where} answered, but not like a Docker engine (HTTP ${res.statusCode})`);
      process.exit(1);
    }
  });
});
req.on("timeout", () => req.destroy(new Error("no answer within 3 s")));
req.on("error", (error) => {
  console.log(`no Docker engine at ${where} (${error.code ?? error.message})`);
  process.exit(1);
});
