import type { PlannedStep } from "@/server/runs/run-steps";
import type { DeploySpec } from "./deploy-spec";

/** checkout → build → publish → activate → health; a rollback only switches and checks. */
export function planDeploySteps(spec: DeploySpec): PlannedStep[] {
  const health = `Health check ${spec.domains[0] ?? ""}${spec.healthPath}`;
  if (spec.rollbackTo !== null) {
    return [
      { position: 0, kind: "activate", name: `Switch to release #${spec.rollbackTo}` },
      { position: 1, kind: "health", name: health },
    ];
  }
  return [
    { position: 0, kind: "checkout", name: `Checkout ${spec.checkout.url} (${spec.checkout.revision})` },
    { position: 1, kind: "build", name: spec.stack === "dockerfile" ? `Build the image from ${spec.dockerfile ?? "Dockerfile"}` : "Build" },
    { position: 2, kind: "publish", name: "Publish the release" },
    { position: 3, kind: "activate", name: "Activate" },
    { position: 4, kind: "health", name: health },
  ];
}
