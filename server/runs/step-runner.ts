import type { StepRef } from "./step-container";
import type { StepOutcome } from "./steps/step-outcome";

/** Runs the steps of one kind of run (a task's, a site's deploy). */
export interface StepRunner {
  timeoutSeconds: number;
  runStep(step: { kind: string; position: number }, ref: StepRef, afterStart: (containerId: string) => Promise<void>): Promise<StepOutcome>;
}
