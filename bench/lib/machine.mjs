// What the figures were measured on, for every benchmark's report and JSON.
import fs from "node:fs";
import os from "node:os";

const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The machine, and the 1-minute load average when the run started (`loadAtStart`) and now: other work skews figures. */
export function machine(loadAtStart) {
  const osRelease = fs.existsSync("/etc/os-release") ? fs.readFileSync("/etc/os-release", "utf8") : "";
  return {
    os: /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1] ?? `${os.type()} ${os.release()}`,
    kernel: os.release(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "?",
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    loadAverage: { atStart: round(loadAtStart, 2), atEnd: round(os.loadavg()[0], 2) },
  };
}
