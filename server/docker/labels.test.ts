import { describe, expect, it } from "vitest";
import { labelFilter, MANAGED_LABEL, slipwayLabels } from "./labels";

describe("slipwayLabels", () => {
  it("always marks the object as managed by Slipway", () => {
    expect(slipwayLabels()).toEqual({ [MANAGED_LABEL]: "true" });
    expect(MANAGED_LABEL).toBe("slipway.managed");
  });

  it("adds namespaced labels and leaves out undefined ones", () => {
    expect(slipwayLabels({ "slipway.site": "blog", "slipway.run": undefined })).toEqual({ "slipway.managed": "true", "slipway.site": "blog" });
  });

  it("refuses a label outside the slipway. namespace", () => {
    expect(() => slipwayLabels({ "com.example.owner": "me" })).toThrow("label com.example.owner must start with slipway.");
  });
});

describe("labelFilter", () => {
  it("writes key=value for values and the bare key for presence", () => {
    expect(labelFilter({ "slipway.managed": "true", "slipway.site": true })).toEqual(["slipway.managed=true", "slipway.site"]);
  });

  it("is empty for no labels", () => {
    expect(labelFilter({})).toEqual([]);
  });
});
