import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // server-only guards the browser bundle; under Node tests it is an empty module.
      { find: /^server-only$/, replacement: path.join(root, "server/testing/server-only-stub.ts") },
    ],
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          include: ["{server,components,app,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["{server,scripts}/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Docker engine and one git host: files run one after another, tests inside in order.
          fileParallelism: false,
        },
      },
    ],
  },
});
