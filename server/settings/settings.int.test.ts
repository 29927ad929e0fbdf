import { afterAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/server/testing/test-db";
import { readSettings, settingsChange, updateSettings } from "./settings";

const { db, cleanup } = createTestDb();
afterAll(cleanup);

describe("settings", () => {
  it("starts from defaults and changes only the fields given", async () => {
    expect(await readSettings(db)).toMatchObject({ runConcurrency: 2, cancelGraceSeconds: 10 });
    await updateSettings(db, settingsChange.parse({ runConcurrency: 4 }));
    await updateSettings(db, settingsChange.parse({ cancelGraceSeconds: 3 }));
    expect(await readSettings(db)).toMatchObject({ runConcurrency: 4, cancelGraceSeconds: 3, keepRunContainersPerTask: 5 });
  });

  it("refuses values out of range with a message", () => {
    expect(settingsChange.safeParse({ runConcurrency: 0 }).error?.issues[0]?.message).toBe("At least one run at a time.");
  });
});
