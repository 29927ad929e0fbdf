// The figures of bench/deploy.ts: per-round times, medians, the paired ratio to the floor, and where
// Slipway's time goes (phases of the run, with the Docker calls and database queries made in each).
import type { CallSpan } from "./call-spans";

export interface SlipwayStep {
  kind: string;
  startedAt: number;
  finishedAt: number;
  detail: string;
  calls: CallSpan[];
}

export interface SlipwayRound {
  round: number;
  /** Wall clock (ms) when the trigger was called; the rest are wall-clock too. */
  t0: number;
  triggeredAt: number;
  claimedAt: number;
  servedAt: number;
  finishedAt: number;
  steps: SlipwayStep[];
  calls: CallSpan[];
}

export interface FloorRound {
  round: number;
  release: number;
  checkoutMs: number;
  publishMs: number;
  switchMs: number;
  servedMs: number;
  servedAfterSwitchMs: number;
}

export interface CaseResult {
  stack: string;
  site: string;
  slipway: SlipwayRound[];
  floor: FloorRound[];
}

export const TARGET_RATIO = 1.5;

export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (!sorted.length) return NaN;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
const ms = (value: number): string => (Number.isNaN(value) ? "–" : `${Math.round(value).toLocaleString("en")} ms`);
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

interface Phase {
  name: string;
  from: number;
  to: number;
  calls: CallSpan[];
}

/** A round cut into consecutive phases from the trigger to the run's end: each step, and the gaps around them. */
function phasesOf(r: SlipwayRound): Phase[] {
  const phases: Phase[] = [];
  const gap = (name: string, from: number, to: number) => phases.push({ name, from, to, calls: r.calls.filter((c) => c.start >= from && c.start < to) });
  gap("trigger (run and step rows)", r.t0, r.triggeredAt);
  gap("queue (kick → run claimed)", r.triggeredAt, r.claimedAt);
  let previous = r.claimedAt;
  r.steps.forEach((s, i) => {
    gap(i === 0 ? "run start (spec, key, log opened)" : `between steps (→ ${s.kind})`, previous, s.startedAt);
    phases.push({ name: `step: ${s.kind}`, from: s.startedAt, to: s.finishedAt, calls: s.calls });
    previous = s.finishedAt;
  });
  gap("run end (status row)", previous, r.finishedAt);
  return phases;
}

interface PhaseSummary {
  name: string;
  ms: number;
  dockerMs: number;
  dbMs: number;
  dbQueries: number;
  docker: Record<string, number>;
}

function summarisePhases(rounds: SlipwayRound[]): PhaseSummary[] {
  const perRound = rounds.map(phasesOf);
  const names = perRound[0]?.map((p) => p.name) ?? [];
  return names.map((name, i) => {
    const picked = perRound.map((phases) => phases[i]).filter((p): p is Phase => p?.name === name);
    const dockerOps = [...new Set(picked.flatMap((p) => p.calls.filter((c) => c.kind === "docker").map((c) => c.what)))];
    const docker: Record<string, number> = {};
    for (const op of dockerOps) docker[op] = median(picked.map((p) => sum(p.calls.filter((c) => c.what === op).map((c) => c.end - c.start))));
    return {
      name,
      ms: median(picked.map((p) => p.to - p.from)),
      dockerMs: median(picked.map((p) => sum(p.calls.filter((c) => c.kind === "docker").map((c) => c.end - c.start)))),
      dbMs: median(picked.map((p) => sum(p.calls.filter((c) => c.kind === "db").map((c) => c.end - c.start)))),
      dbQueries: median(picked.map((p) => p.calls.filter((c) => c.kind === "db").length)),
      docker,
    };
  });
}

/** Which phase the new content became visible in, and how far into it (median over rounds). */
function servedWithin(rounds: SlipwayRound[]): string {
  const where = rounds.map((r) => {
    const phases = phasesOf(r);
    const phase = phases.find((p) => r.servedAt >= p.from && r.servedAt < p.to) ?? phases.find((p) => r.servedAt >= p.from && r.servedAt < p.to + POLL_SLACK_MS);
    return { name: phase?.name ?? "?", into: phase ? r.servedAt - phase.from : NaN };
  });
  const names = [...new Set(where.map((w) => w.name))];
  return names.map((name) => `${name} (${where.filter((w) => w.name === name).length}×, ${ms(median(where.filter((w) => w.name === name).map((w) => w.into)))} into it)`).join(", ");
}
/** The served time is seen up to one poll late: a phase that ended just before still counts. */
const POLL_SLACK_MS = 15;

export function report(results: CaseResult[], options: { rounds: number; pollMs: number; frontImage: string; notes: string[]; diagnosis: Record<string, number> }) {
  const lines: string[] = [];
  const summaries = results.map((res) => {
    const servedS = res.slipway.map((r) => r.servedAt - r.t0);
    const finishedS = res.slipway.map((r) => r.finishedAt - r.t0);
    const servedF = res.floor.map((r) => r.servedMs);
    const pairs = res.slipway.map((r, i) => (r.servedAt - r.t0) / (res.floor[i]?.servedMs ?? NaN));
    const finishedPairs = res.slipway.map((r, i) => (r.finishedAt - r.t0) / (res.floor[i]?.servedMs ?? NaN));
    const ratio = median(pairs);
    const finishedRatio = median(finishedPairs);
    const met = ratio <= TARGET_RATIO;
    const row = (name: string, values: number[]) =>
      `  ${name.padEnd(52)} ${ms(median(values)).padStart(9)} ${ms(Math.min(...values)).padStart(9)} ${ms(Math.max(...values)).padStart(9)}   ${values.map((v) => Math.round(v)).join(" ")}`;
    const phases = summarisePhases(res.slipway);
    const beforeServed = res.slipway.map((r) => {
      const calls = r.calls.filter((c) => c.start < r.servedAt);
      const of = (kind: CallSpan["kind"]) => calls.filter((c) => c.kind === kind);
      return { dockerMs: sum(of("docker").map((c) => Math.min(c.end, r.servedAt) - c.start)), dbMs: sum(of("db").map((c) => Math.min(c.end, r.servedAt) - c.start)), dbQueries: of("db").length };
    });
    lines.push(
      `deploy, ${res.stack} site (${res.site}): ${options.rounds} pairs in alternating order, GET / through the front (${options.frontImage}) every ${options.pollMs} ms`,
      `  ${"".padEnd(52)} ${"median".padStart(9)} ${"min".padStart(9)} ${"max".padStart(9)}   rounds`,
      row("slipway: trigger → new content served", servedS),
      row("slipway: trigger → run finished (health checked)", finishedS),
      row("floor: by hand → new content served", servedF),
      row("  floor: checkout container (create, start, key, wait)", res.floor.map((r) => r.checkoutMs)),
      row("  floor: publish container (create, start, wait)", res.floor.map((r) => r.publishMs)),
      row("  floor: symlink + rename of current", res.floor.map((r) => r.switchMs)),
      row("  floor: from the rename until served", res.floor.map((r) => r.servedAfterSwitchMs)),
      `  ratio slipway/floor until served: ${ratio.toFixed(2)}× (median of pairs: ${pairs.map((p) => p.toFixed(2)).join(" ")}); ratio of medians ${(median(servedS) / median(servedF)).toFixed(2)}×`,
      `  ratio until Slipway's run has finished: ${finishedRatio.toFixed(2)}×`,
      `  target: ≤ ${TARGET_RATIO}× the floor until served → ${ratio.toFixed(2)}×: ${met ? "met" : "NOT met"}`,
      "",
      `  slipway, where the time goes (median per phase over ${res.slipway.length} rounds, from the trigger):`,
      `    ${"phase".padEnd(36)} ${"wall".padStart(9)} ${"docker".padStart(9)} ${"db".padStart(13)} ${"rest".padStart(9)}   docker calls`,
      ...phases.map(
        (p) =>
          `    ${p.name.padEnd(36)} ${ms(p.ms).padStart(9)} ${ms(p.dockerMs).padStart(9)} ${`${ms(p.dbMs)} /${p.dbQueries}`.padStart(13)} ${ms(p.ms - p.dockerMs - p.dbMs).padStart(9)}   ` +
          Object.entries(p.docker)
            .sort(([, a], [, b]) => b - a)
            .map(([op, v]) => `${op} ${Math.round(v)}`)
            .join(", "),
      ),
      `    new content first served in: ${servedWithin(res.slipway)}`,
      `    before it was served: ${ms(median(beforeServed.map((b) => b.dockerMs)))} in Docker calls, ${ms(median(beforeServed.map((b) => b.dbMs)))} in ${median(beforeServed.map((b) => b.dbQueries))} database queries`,
      "    (docker: time inside Docker API calls; db: inside Prisma queries / their number; rest: the remainder — fs, JS, log writes, waits)",
      "",
    );
    return { stack: res.stack, medianServedMs: median(servedS), medianFinishedMs: median(finishedS), medianFloorMs: median(servedF), ratio, pairs, finishedRatio, met, phases };
  });
  lines.push("database writes (median of 40, scratch database, no load):", ...Object.entries(options.diagnosis).map(([name, v]) => `  ${name.padEnd(78)} ${v.toFixed(2)} ms`), "");
  lines.push(...options.notes.map((n) => `note: ${n}`));
  console.log(lines.join("\n"));
  return { targetRatio: TARGET_RATIO, cases: summaries };
}
