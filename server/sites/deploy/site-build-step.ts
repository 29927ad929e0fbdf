import "server-only";
import { NODE_IMAGE, PHP_CLI_IMAGE } from "@/server/images/slipway-images";
import { COLOUR_ENV, runContainerLabels, runContainerName } from "@/server/runs/run-labels";
import { runStepContainer } from "@/server/runs/step-container";
import { buildImageFromVolume } from "@/server/runs/steps/build-image";
import type { StepOutcome } from "@/server/runs/steps/step-outcome";
import { slipwayLabels } from "@/server/docker/labels";
import { instanceId } from "@/server/settings/instance-id";
import { appImageTag } from "../site-containers";
import { siteOwnerName, siteWorktree, type DeployStep } from "./deploy-context";

const COMPOSER = ["composer", "install", "--no-dev", "--no-interaction", "--prefer-dist", "--optimize-autoloader"];
const NPM = ["sh", "-c", "npm ci && npm run build"];

/** The build command: the site's own, or what the checkout found (composer.json, package.json with a build script). */
export function chooseBuild(spec: DeployStep["spec"], hints: string[]): { command: string[]; why: string } | null {
  if (spec.build.mode === "none") return null;
  if (spec.build.mode === "custom" && spec.build.command) return { command: spec.build.command, why: "the site's build command" };
  if (hints.includes("composer.json")) return { command: COMPOSER, why: "composer.json found" };
  if (hints.includes("npm-build")) return { command: NPM, why: "package.json has a build script" };
  return null;
}

/**
 * Builds in a container on the checked-out worktree (read-write: composer writes vendor/). The dockerfile
 * stack builds the site's image instead. Only non-secret variables reach a build.
 */
export async function runSiteBuildStep(s: DeployStep, publicEnv: Record<string, string>): Promise<StepOutcome> {
  const { deps, spec, runId } = s;
  const instance = await instanceId(deps.db);
  const volume = siteWorktree(spec);
  if (spec.stack === "dockerfile") {
    const tag = appImageTag(spec.name, runId);
    try {
      await buildImageFromVolume(deps, {
        runId,
        contextContainer: runContainerName(siteOwnerName(spec), runId, s.position, "context"),
        contextLabels: runContainerLabels(instance, runId, spec.siteId, s.position, "build-context"),
        volume,
        dockerfile: spec.dockerfile ?? "Dockerfile",
        tag,
        imageLabels: { "slipway.site": spec.siteId, "slipway.image": "site" },
        signal: s.signal,
      });
      return { status: "succeeded", detail: `Built ${tag}.` };
    } catch (error) {
      return { status: "failed", detail: `The image build failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  const worktree = await deps.db.worktree.findUnique({ where: { volume }, select: { hints: true } });
  const build = chooseBuild(spec, worktree?.hints ? (JSON.parse(worktree.hints) as string[]) : []);
  if (!build) return { status: "succeeded", detail: spec.build.mode === "none" ? "No build (turned off for this site)." : "Nothing to build (no composer.json, no package.json build script).", note: "reused" };
  // Composer keeps downloads between builds in one volume shared by every site's builds.
  const composerCache = `${deps.sites.prefix}-cache-composer`;
  await deps.docker.volumes.create(composerCache, slipwayLabels({ ...deps.sites.labels, "slipway.kind": "cache" }));
  const result = await runStepContainer(
    deps,
    s.ref,
    {
      name: runContainerName(siteOwnerName(spec), runId, s.position, "build"),
      image: build.command === NPM ? NODE_IMAGE : PHP_CLI_IMAGE,
      cmd: build.command,
      env: { ...publicEnv, ...COLOUR_ENV },
      workingDir: "/src/app",
      labels: runContainerLabels(instance, runId, spec.siteId, s.position, "build"),
      mounts: [
        { type: "volume", source: volume, target: "/src/app" },
        { type: "volume", source: composerCache, target: "/var/cache/composer" },
      ],
      networkMode: deps.network,
    },
    { secrets: s.secrets, signal: s.signal, afterStart: s.afterStart },
  );
  if (result.vanished) return { status: "failed", detail: result.vanished, exitCode: result.exitCode };
  return result.exitCode === 0
    ? { status: "succeeded", detail: `Built (${build.why}): ${build.command.join(" ")}.`, exitCode: 0 }
    : { status: "failed", detail: `The build (${build.command.join(" ")}) exited with code ${result.exitCode}; the live release is untouched.`, exitCode: result.exitCode };
}
