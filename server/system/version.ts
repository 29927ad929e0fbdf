import pkg from "@/package.json" with { type: "json" };

export const SLIPWAY_VERSION: string = pkg.version;
