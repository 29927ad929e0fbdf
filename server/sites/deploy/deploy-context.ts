import "server-only";
import type { RunDeps } from "@/server/runs/run-deps";
import type { StepRef } from "@/server/runs/step-container";
import { worktreeVolumeName } from "@/server/runs/worktree-volume";
import type { SiteRuntime } from "../site-runtime";
import type { DeploySpec } from "./deploy-spec";

/** What every deploy step gets. */
export interface DeployStep {
  deps: RunDeps & { sites: SiteRuntime };
  runId: string;
  spec: DeploySpec;
  ref: StepRef;
  position: number;
  /** Values masked in the log (the deploy key, the site's secret variables). */
  secrets: string[];
  signal: AbortSignal;
  afterStart: (containerId: string) => Promise<void>;
}

/** The site's worktree volume (one per site and source). */
export function siteWorktree(spec: DeploySpec): string {
  return worktreeVolumeName(spec.siteId, spec.checkout);
}

/** The name tasks would show: used in run container names and labels. */
export function siteOwnerName(spec: DeploySpec): string {
  return `site-${spec.name}`;
}
