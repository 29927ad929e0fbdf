import "server-only";
import { watch as watchDirectory, type FSWatcher } from "node:fs";
import { lstat, readdir, realpath } from "node:fs/promises";
import path from "node:path";
import { HardDebounce, type DebounceClock } from "./hard-debounce";

export interface WatchedSite {
  name: string;
  /** The site's directory on this host: releases/<n>/, shared/ and the `current` symlink. */
  dir: string;
  /** Applies the change (for the Apache stack: a graceful restart of the site's container). */
  onChange: () => Promise<void>;
}

export interface HtaccessWatcherOptions {
  /** Quiet period after the last .htaccess event before onChange runs. */
  quietMs?: number;
  /** Hard bound: onChange runs at the latest this long after the first unapplied event. */
  maxMs?: number;
  /** Directories watched per site at most; past it, deeper .htaccess files go unnoticed and onError says so. */
  maxDirectories?: number;
  /** Failures of onChange and of watching itself; the watcher goes on with the other sites. */
  onError?: (siteName: string, error: unknown) => void;
  clock?: DebounceClock;
}

const HTACCESS = ".htaccess";

type ResolvedOptions = Required<Omit<HtaccessWatcherOptions, "clock">> & Pick<HtaccessWatcherOptions, "clock">;

/**
 * Turns changes to a site's .htaccess files into one call of its onChange, debounced with a hard bound.
 *
 * Apache reads .htaccess files on every request, so an edited rewrite rule applies even without a restart.
 * The graceful restart this drives (asked for by the Apache stack) adds the rest: fresh workers, so their
 * in-process caches (RewriteMap lookups, mod_cache's memory) are dropped, and the site's included config
 * re-read, once per burst of edits rather than once per write.
 *
 * Counted: a .htaccess created, modified, deleted or renamed anywhere in the live tree (the release
 * `current` points to, and shared/), and a switch of `current` (a deploy brings other .htaccess files).
 * Everything else written in the tree (uploads, caches, logs) is noise and never fires.
 *
 * Why not `fs.watch(dir, { recursive: true })`: on Linux, Node 20 emulates it with one inotify watch and a
 * synchronous stat per *file* and does not descend through `current`. This watches directories only (one
 * inotify watch each, none per file), does not follow symlinks, and re-arms on a switch of `current`.
 */
export class HtaccessWatcher {
  private readonly sites = new Map<string, SiteTree>();
  private readonly options: ResolvedOptions;

  constructor(options: HtaccessWatcherOptions = {}) {
    this.options = {
      quietMs: options.quietMs ?? 1_000,
      maxMs: options.maxMs ?? 5_000,
      maxDirectories: options.maxDirectories ?? 5_000,
      onError: options.onError ?? ((siteName, error) => console.error(`[htaccess watcher] ${siteName}:`, error)),
      clock: options.clock,
    };
  }

  /** Starts watching a site (replacing an earlier watch of the same name); resolves once its live tree is armed. */
  async watch(site: WatchedSite): Promise<void> {
    this.unwatch(site.name);
    const tree = new SiteTree(site, this.options);
    this.sites.set(site.name, tree);
    try {
      await tree.start();
    } catch (error) {
      if (this.sites.get(site.name) === tree) this.unwatch(site.name);
      throw error;
    }
  }

  /** Stops watching a site and drops its pending change. An onChange already running finishes on its own. */
  unwatch(name: string): void {
    this.sites.get(name)?.close();
    this.sites.delete(name);
  }

  close(): void {
    for (const name of [...this.sites.keys()]) this.unwatch(name);
  }

  /** How many directories are watched for a site (for tests and the health page). */
  watchedDirectories(name: string): number {
    return this.sites.get(name)?.directoryCount ?? 0;
  }
}

class SiteTree {
  private readonly root: string;
  private readonly debounce: HardDebounce;
  private readonly directories = new Map<string, FSWatcher>();
  /** Directories known to have held a .htaccess: removing one of them counts as a change. */
  private readonly withHtaccess = new Set<string>();
  private rootWatcher: FSWatcher | null = null;
  private release: string | null = null;
  private readonly shared: string;
  /** Re-arming after `current` or shared/ changes, one after another. */
  private rearming: Promise<void> = Promise.resolve();
  private running = false;
  private runAgain = false;
  private armed = false;
  private closed = false;
  private warnedFull = false;

  constructor(
    private readonly site: WatchedSite,
    private readonly options: ResolvedOptions,
  ) {
    this.root = path.resolve(site.dir);
    this.shared = path.join(this.root, "shared");
    this.debounce = new HardDebounce(() => void this.apply(), { quietMs: options.quietMs, maxMs: options.maxMs, clock: options.clock });
  }

  get directoryCount(): number {
    return this.directories.size;
  }

  async start(): Promise<void> {
    this.rootWatcher = watchDirectory(this.root, { persistent: false }, (_event, name) => {
      if (name === "current" || name === "shared") this.rearm();
    });
    this.rootWatcher.on("error", (error) => this.report(error));
    this.rearm();
    await this.rearming;
    this.armed = true;
  }

  close(): void {
    this.closed = true;
    this.debounce.dispose();
    this.rootWatcher?.close();
    for (const watcher of this.directories.values()) watcher.close();
    this.directories.clear();
  }

  /** Re-reads where `current` points and whether shared/ exists, and watches exactly that. */
  private rearm(): void {
    this.rearming = this.rearming.then(async () => {
      if (this.closed) return;
      let changed = false;
      const release = await realpath(path.join(this.root, "current")).catch((error: unknown) => this.unlessMissing(error));
      if (release !== this.release) {
        if (this.release) this.forget(this.release);
        this.release = release;
        if (release) await this.walk(release);
        // A switch of `current` is a deploy: the new release may bring other .htaccess files.
        changed = true;
      }
      const sharedExists = await isDirectory(this.shared);
      if (sharedExists && !this.directories.has(this.shared)) changed = (await this.walk(this.shared)) || changed;
      if (!sharedExists && this.directories.has(this.shared)) changed = this.forget(this.shared) || changed;
      // What the first arming finds is the state the container already serves.
      if (changed && this.armed) this.debounce.trigger();
    }).catch((error: unknown) => this.report(error));
  }

  /** Watches a directory and every real directory below it (symlinks are not followed). */
  private async walk(top: string): Promise<boolean> {
    let sawHtaccess = false;
    const queue = [top];
    for (let dir = queue.shift(); dir !== undefined && !this.closed; dir = queue.shift()) {
      if (!this.isLive(dir) || !this.add(dir)) continue;
      const entries = (await readdir(dir, { withFileTypes: true }).catch((error: unknown) => this.unlessMissing(error))) ?? [];
      for (const entry of entries) {
        if (entry.name === HTACCESS) {
          this.withHtaccess.add(dir);
          sawHtaccess = true;
        } else if (entry.isDirectory()) queue.push(path.join(dir, entry.name));
      }
    }
    return sawHtaccess;
  }

  /** Starts one inotify watch on a directory; false if it is gone, already watched or over the limit. */
  private add(dir: string): boolean {
    if (this.directories.has(dir)) return false;
    if (this.directories.size >= this.options.maxDirectories) {
      if (!this.warnedFull) this.report(new Error(`more than ${this.options.maxDirectories} directories in the live tree: .htaccess files below ${dir} and further ones are not watched`));
      this.warnedFull = true;
      return false;
    }
    try {
      const watcher = watchDirectory(dir, { persistent: false }, (event, name) => this.onEvent(dir, event, name));
      watcher.on("error", (error) => {
        this.forget(dir);
        this.unlessMissing(error);
      });
      this.directories.set(dir, watcher);
      return true;
    } catch (error) {
      // ENOSPC here means the host's inotify limit (fs.inotify.max_user_watches) is reached.
      this.unlessMissing(error);
      return false;
    }
  }

  private onEvent(dir: string, event: string, name: string | null): void {
    if (this.closed || name === null) return;
    if (name === HTACCESS) {
      this.withHtaccess.add(dir);
      this.debounce.trigger();
      return;
    }
    // A "change" of any other name is noise. A "rename" may be a directory coming or going.
    if (event === "rename") this.onRenamed(path.join(dir, name)).catch((error: unknown) => this.report(error));
  }

  private async onRenamed(child: string): Promise<void> {
    const directory = await isDirectory(child);
    if (this.closed) return;
    if (directory && !this.directories.has(child)) {
      // A directory moved into the tree may bring .htaccess files with it.
      if (await this.walk(child)) this.debounce.trigger();
    } else if (!directory && this.directories.has(child)) {
      if (this.forget(child)) this.debounce.trigger();
    }
  }

  /** Stops watching a directory and everything below it; true if one of them held a .htaccess. */
  private forget(top: string): boolean {
    let hadHtaccess = false;
    for (const [dir, watcher] of this.directories) {
      if (dir !== top && !dir.startsWith(top + path.sep)) continue;
      watcher.close();
      this.directories.delete(dir);
      hadHtaccess = this.withHtaccess.delete(dir) || hadHtaccess;
    }
    if (this.directories.size < this.options.maxDirectories) this.warnedFull = false;
    return hadHtaccess;
  }

  private isLive(dir: string): boolean {
    const under = (top: string | null) => top !== null && (dir === top || dir.startsWith(top + path.sep));
    return under(this.release) || under(this.shared);
  }

  /** Runs onChange, never two at once: changes made meanwhile give exactly one more run afterwards. */
  private async apply(): Promise<void> {
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.runAgain = false;
        try {
          await this.site.onChange();
        } catch (error) {
          this.report(error);
        }
      } while (this.runAgain && !this.closed);
    } finally {
      this.running = false;
    }
  }

  /** null for a file that is not there (yet, or any more), which is normal in a tree being written; reports anything else. */
  private unlessMissing(error: unknown): null {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") this.report(error);
    return null;
  }

  private report(error: unknown): void {
    try {
      this.options.onError(this.site.name, error);
    } catch (reportError) {
      console.error(`[htaccess watcher] ${this.site.name}: reporting an error failed`, reportError, error);
    }
  }
}

async function isDirectory(file: string): Promise<boolean> {
  const stats = await lstat(file).catch(() => null);
  return stats?.isDirectory() ?? false;
}
