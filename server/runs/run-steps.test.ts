import { describe, expect, it } from "vitest";
import { describeCommand } from "./run-steps";

describe("describeCommand", () => {
  it("names a shell script by its first line and shortens long commands", () => {
    expect(describeCommand(["sh", "-c", "npm ci\nnpm run build"])).toBe("npm ci");
    expect(describeCommand(["make", "test"])).toBe("make test");
    expect(describeCommand(["echo", "x".repeat(100)])).toMatch(/^echo x+…$/);
    expect(describeCommand(["echo", "x".repeat(100)]).length).toBe(60);
  });
});
