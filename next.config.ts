import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or stream-heavy server packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ["dockerode", "docker-modem", "ssh2", "cpu-features", "better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
