// Starting, measuring and stopping the processes a benchmark runs. Linux only: memory comes from /proc.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

/** A port the kernel says is free right now on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${[command, ...args].join(" ")} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}

/**
 * Starts a long-running process in its own process group (so stop() reaches its children too)
 * and keeps the tail of its output for error messages.
 */
export function startService(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const service = { child, pid: child.pid, output: "", exited: null };
  const keep = (chunk) => (service.output = (service.output + chunk).slice(-8000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  service.exitedPromise = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      service.exited = { code, signal };
      resolve(service.exited);
    });
    child.on("error", (error) => {
      service.exited = { code: null, signal: null, error };
      resolve(service.exited);
    });
  });
  return service;
}

/** SIGTERM to the service's process group, SIGKILL after a grace period. Safe to call twice. */
export async function stopService(service, graceMs = 5000) {
  if (!service?.pid) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-service.pid, signal);
      return true;
    } catch {
      return false; // the group is already gone
    }
  };
  if (!signalGroup("SIGTERM")) return;
  await Promise.race([service.exitedPromise, sleep(graceMs)]);
  // The leader may be stuck, or its children may outlive it: leave nothing of the group behind.
  signalGroup("SIGKILL");
}

/** The process and all its descendants, from the parent links in /proc/<pid>/stat. */
function processTree(rootPid) {
  const children = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid …": comm may hold spaces or parentheses, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const tree = [];
  const pending = [rootPid];
  while (pending.length) {
    const pid = pending.pop();
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function readStatus(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return { pid, cmdline, rssKb: kb("VmRSS"), anonKb: kb("RssAnon"), fileKb: kb("RssFile"), shmemKb: kb("RssShmem"), threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0) };
  } catch {
    return null;
  }
}

/** Resident memory of a process tree: VmRSS summed over the process and its descendants, with the split. */
export function treeRss(rootPid) {
  const processes = processTree(rootPid).map(readStatus).filter(Boolean);
  const sum = (key) => processes.reduce((total, p) => total + p[key], 0) / 1024;
  return { rssMb: sum("rssKb"), anonMb: sum("anonKb"), fileMb: sum("fileKb"), shmemMb: sum("shmemKb"), processes };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const CLOCK_TICKS = 100; // USER_HZ: what /proc/<pid>/stat counts in on Linux

/** CPU seconds (user + system) a process has used so far, or 0 when it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
  } catch {
    return 0;
  }
}

/** CPU seconds of a process tree (only the processes alive now count). */
export function treeCpuSeconds(rootPid) {
  return processTree(rootPid).reduce((total, pid) => total + cpuSeconds(pid), 0);
}

/** Pids whose command name (/proc/<pid>/comm, at most 15 characters) starts with `prefix`. */
export function pidsNamed(prefix) {
  const pids = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim().startsWith(prefix)) pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

/**
 * Seconds a process's main thread has run on a CPU and waited on a run queue for one so far
 * (/proc/<pid>/schedstat; zeros when it is gone). Waiting that grows with running means CPU contention.
 */
export function schedSeconds(pid) {
  try {
    const [running, waiting] = fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").trim().split(" ").map(Number);
    return { running: running / 1e9, waiting: waiting / 1e9 };
  } catch {
    return { running: 0, waiting: 0 };
  }
}
