import { afterEach, describe, expect, it, vi } from "vitest";
import { parseDockerEvent } from "./events";

describe("parseDockerEvent", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads a container event with its name and labels", () => {
    const line = JSON.stringify({
      status: "die",
      id: "c0ffee",
      from: "slipway/test:latest",
      Type: "container",
      Action: "die",
      Actor: {
        ID: "c0ffee",
        Attributes: { exitCode: "3", image: "slipway/test:latest", name: "site-web", "slipway.managed": "true", "slipway.site": "blog" },
      },
      scope: "local",
      time: 1_700_000_000,
      timeNano: 1_700_000_000_123_456_789,
    });
    expect(parseDockerEvent(line)).toEqual({
      type: "container",
      action: "die",
      id: "c0ffee",
      name: "site-web",
      // Only dotted attributes are labels: exitCode, image and name are Docker's own.
      labels: { "slipway.managed": "true", "slipway.site": "blog" },
      time: 1_700_000_000,
    });
  });

  it("reads a volume event, which has no name attribute", () => {
    const line = JSON.stringify({ Type: "volume", Action: "create", Actor: { ID: "data-blog", Attributes: { driver: "local" } }, time: 1_700_000_001 });
    expect(parseDockerEvent(line)).toEqual({ type: "volume", action: "create", id: "data-blog", name: null, labels: {}, time: 1_700_000_001 });
  });

  it("falls back to the old status/id fields of older engines", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2025-01-02T03:04:05Z"));
    const event = parseDockerEvent(JSON.stringify({ status: "start", id: "abc123" }));
    expect(event).toEqual({ type: "container", action: "start", id: "abc123", name: null, labels: {}, time: Date.UTC(2025, 0, 2, 3, 4, 5) / 1000 });
  });

  it("returns null for a partial line instead of throwing", () => {
    expect(parseDockerEvent('{"Type":"container","Action":"sta')).toBeNull();
    expect(parseDockerEvent("")).toBeNull();
  });
});
