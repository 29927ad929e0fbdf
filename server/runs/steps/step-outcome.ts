export interface StepOutcome {
  status: "succeeded" | "failed";
  detail: string;
  exitCode?: number;
  /** "reused": the step had nothing to do. */
  note?: "reused";
}
