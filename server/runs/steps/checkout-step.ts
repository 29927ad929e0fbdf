import "server-only";
import { CHECKOUT_IMAGE } from "@/server/images/slipway-images";
import { openDeployKey } from "@/server/keys/open-deploy-key";
import { parseGitUrl } from "@/server/tasks/task-input";
import type { CheckoutSpec } from "@/server/tasks/task-spec";
import { classifyCheckoutFailure } from "../classify-checkout-failure";
import { knownHostLines, recordHostKeys } from "../known-hosts";
import { COLOUR_ENV, runContainerLabels, runContainerName } from "../run-labels";
import { instanceId } from "@/server/settings/instance-id";
import type { RunDeps } from "../run-deps";
import { runStepContainer, type StepRef } from "../step-container";
import { worktreeLabels, worktreeVolumeName } from "../worktree-volume";
import { slipwayLabels } from "@/server/docker/labels";
import type { StepOutcome } from "./step-outcome";

export interface CheckoutStepInput {
  runId: string;
  taskId: string;
  taskName: string;
  position: number;
  checkout: CheckoutSpec;
  keyName: string | null;
  secrets: string[];
  signal?: AbortSignal;
  afterStart?: (containerId: string) => Promise<void>;
}

/**
 * Clones or updates one repository into its worktree volume in a checkout container. The caller
 * holds the volume's lock. An immutable revision already checked out is reused without a container.
 */
export async function runCheckoutStep(deps: RunDeps, step: StepRef, input: CheckoutStepInput): Promise<StepOutcome> {
  const { db, docker } = deps;
  const { checkout } = input;
  const url = parseGitUrl(checkout.url);
  if (!url) return { status: "failed", detail: `Not an SSH git URL: ${checkout.url}` };
  const volume = worktreeVolumeName(input.taskId, checkout);
  const worktree = await db.worktree.findUnique({ where: { volume } });
  if (!step.containerId && !checkout.mutable && worktree?.sha === checkout.revision) {
    return { status: "succeeded", detail: `Reused ${volume}: already at ${checkout.revision.slice(0, 12)}.`, note: "reused" };
  }
  await docker.volumes.create(volume, slipwayLabels(worktreeLabels(input.taskId, input.taskName, checkout)));
  await db.worktree.upsert({ where: { volume }, create: { volume, url: checkout.url, revision: checkout.revision }, update: {} });

  const key = checkout.keyId && !step.containerId ? await openDeployKey(db, deps.masterKey, checkout.keyId) : null;
  const dest = `/src/${checkout.mountName}`;
  const spec = {
    name: runContainerName(input.taskName, input.runId, input.position, "checkout"),
    image: CHECKOUT_IMAGE,
    cmd: ["slipway-checkout"],
    env: {
      ...COLOUR_ENV,
      SLIPWAY_URL: checkout.url,
      SLIPWAY_HOST: url.host,
      SLIPWAY_PORT: String(url.port),
      SLIPWAY_REVISION: checkout.revision,
      SLIPWAY_SUBMODULES: checkout.submodules ? "1" : "0",
      SLIPWAY_DEST: dest,
      SLIPWAY_KNOWN_HOSTS: (await knownHostLines(db, url.host, url.port)).join("\n"),
      SLIPWAY_HAS_KEY: checkout.keyId ? "1" : "0",
    },
    labels: runContainerLabels(await instanceId(deps.db), input.runId, input.taskId, input.position, "checkout"),
    mounts: [{ type: "volume" as const, source: volume, target: dest }],
    tmpfs: { "/run/slipway": "rw,noexec,nosuid,size=1m,mode=0700" },
    openStdin: checkout.keyId !== null,
    networkMode: deps.network,
  };
  const result = await runStepContainer(deps, step, spec, { secrets: input.secrets, stdin: key ?? undefined, signal: input.signal, afterStart: input.afterStart });
  if (result.vanished) return { status: "failed", detail: result.vanished, exitCode: result.exitCode };
  if (result.exitCode !== 0) {
    const failure = classifyCheckoutFailure(result.tail.toString(), result.exitCode, { ...url, url: checkout.url, revision: checkout.revision, keyName: input.keyName });
    return { status: "failed", detail: failure.message, exitCode: result.exitCode };
  }
  const learned = await recordHostKeys(db, url.host, url.port, result.tail.markers("slipway-host-key"));
  const sha = result.tail.markers("slipway-commit").pop() ?? null;
  await db.worktree.update({ where: { volume }, data: { sha, hints: JSON.stringify(result.tail.markers("slipway-has")), checkedOutAt: new Date() } });
  const hostNote = learned.length ? ` First contact with ${url.host}: recorded host key ${learned.join(", ")}.` : "";
  return { status: "succeeded", detail: `At ${sha?.slice(0, 12) ?? "?"} in ${volume}.${hostNote}`, exitCode: 0 };
}
