// The panel's HTTP entry point: Next.js behind a plain Node server, so the caller's socket address
// reaches the app in a header no client can forge (X-Forwarded-For can be). Used by `./slipway run`.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";

const port = Number(process.env.SLIPWAY_PORT ?? 3000);
const bind = process.env.SLIPWAY_BIND ?? "0.0.0.0";
const dir = path.resolve(import.meta.dirname, "..");
// The configuration `next build` resolved, handed over the way Next's own standalone server does:
// it saves compiling next.config.ts (and loading the SWC compiler, ~30 MB) at every start.
const { config } = JSON.parse(fs.readFileSync(path.join(dir, ".next", "required-server-files.json"), "utf8"));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
const app = next({ dev: false, dir, hostname: bind, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers["x-slipway-peer"] = req.socket.remoteAddress ?? "";
  void handle(req, res);
});
server.listen(port, bind, () => console.log(`Slipway listening on http://${bind}:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
