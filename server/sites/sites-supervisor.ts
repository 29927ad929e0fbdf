import "server-only";
import type { Db } from "@/server/db";
import { slipwayLabels, type DockerPort } from "@/server/docker/port";
import { FrontSupervisor, type FrontSupervisorReport } from "@/server/front/front-supervisor";
import { writeTrustedProxies } from "@/server/front/trusted-proxies";
import { FRONT_IMAGE } from "@/server/images/slipway-images";
import { readSettings } from "@/server/settings/settings";
import { HtaccessWatcher } from "./htaccess-watcher";
import { restartApacheGracefully } from "./restart-apache";
import { prepareSite } from "./prepare-site";
import { appImageTag, ensureSiteContainers } from "./site-containers";
import { hostSiteDir, sidecarName } from "./site-paths";
import type { SiteRuntime } from "./site-runtime";
import { syncFront } from "./sync-front";

/**
 * Brings sites back by themselves: the front server is ensured at start, after Docker events and after an
 * engine loss; whenever it is (re)created or started, every live site's containers are ensured and the
 * whole front config is published again. Restart policies cover a Docker restart; this covers the rest.
 */
export class SitesSupervisor {
  private readonly front: FrontSupervisor;
  /** Apache sites: a changed .htaccess gives that site's Apache one graceful restart (hard-bounded debounce). */
  readonly htaccess: HtaccessWatcher;
  private restoring: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private restoredOnce = false;
  lastError: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly docker: DockerPort,
    private readonly runtime: SiteRuntime,
    private readonly masterKey: Buffer,
  ) {
    this.front = new FrontSupervisor(
      docker,
      {
        name: runtime.frontContainer,
        image: FRONT_IMAGE,
        httpPort: runtime.frontHttpPort,
        httpsPort: runtime.frontHttpsPort,
        bindAddress: runtime.frontBind,
        stateDir: runtime.frontStateDir,
        sitesDir: runtime.sitesDir,
        network: runtime.network,
        labels: slipwayLabels({ ...runtime.labels, "slipway.kind": "front" }),
      },
      { onReport: (report) => this.onFront(report) },
    );
    this.htaccess = new HtaccessWatcher({ onError: (site, error) => console.error(`sites: ${site}: .htaccess watcher:`, error instanceof Error ? error.message : error) });
    runtime.onActivated = (site) => void this.watchApache(site).catch(() => undefined);
  }

  get frontReport(): FrontSupervisorReport | null {
    return this.front.lastReport;
  }

  start(): void {
    this.front.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.front.stop();
    await this.restoring;
    this.htaccess.close();
  }

  /** Starts (or stops) watching a site's .htaccess files, by its stack. */
  async watchApache(site: { name: string; stack: string }): Promise<void> {
    if (site.stack !== "apache") return this.htaccess.unwatch(site.name);
    const container = sidecarName(this.runtime.prefix, site.name, "apache");
    await this.htaccess.watch({ name: site.name, dir: hostSiteDir(this.runtime.sitesDir, site.name), onChange: () => restartApacheGracefully(this.docker, container) });
  }

  /** Ensures every live site's containers, then publishes the front config. One at a time; a request meanwhile runs once more. */
  restore(): Promise<void> {
    if (this.restoring) {
      this.again = true;
      return this.restoring;
    }
    this.restoring = (async () => {
      do {
        this.again = false;
        await this.restoreOnce().then(
          () => (this.lastError = null),
          (error: unknown) => {
            this.lastError = error instanceof Error ? error.message : String(error);
            console.error("sites: restoring failed (trying again in 2 s):", this.lastError);
            // E.g. the front was restarting: its supervisor reports it running again, but a retry must not depend on that.
            if (!this.stopped) setTimeout(() => void this.restore(), 2_000).unref();
          },
        );
      } while (this.again);
    })().finally(() => (this.restoring = null));
    return this.restoring;
  }

  private onFront(report: FrontSupervisorReport): void {
    if (!report.ok) {
      this.lastError = report.error;
      console.error("sites: the front server is not running:", report.error);
      return;
    }
    // The first check after the panel starts restores everything; later ones only when the front had to be
    // started or made again. A front found running as it was needs nothing: every config publish sends it
    // SIGHUP, which Docker reports as a "kill" event, and that must not restore every site each time.
    if (this.restoredOnce && report.action === "kept") return;
    this.restoredOnce = true;
    void this.restore();
  }

  private async restoreOnce(): Promise<void> {
    const sites = await this.db.site.findMany({
      where: { releases: { some: { status: "active" } } },
      select: { id: true, name: true, stack: true, releases: { where: { status: "active" }, select: { number: true, runId: true } } },
    });
    for (const { releases, ...row } of sites) {
      const live = releases[0];
      try {
        // Folders and PHP config first: a restored site must not start on missing files (e.g. a new data dir).
        const { site, env } = await prepareSite({ db: this.db, docker: this.docker, masterKey: this.masterKey, runtime: this.runtime }, row.id);
        const app = site.stack === "dockerfile" && live?.runId ? { release: live.number, image: appImageTag(site.name, live.runId), env: env.public } : undefined;
        await ensureSiteContainers(this.docker, this.runtime, site, app);
      } catch (error) {
        console.error(`sites: ${row.name}: could not ensure its containers:`, error instanceof Error ? error.message : error);
      }
      await this.watchApache(row);
    }
    const proxiesChanged = await writeTrustedProxies(this.runtime.frontStateDir, (await readSettings(this.db)).trustedProxies);
    await syncFront({ db: this.db, docker: this.docker, runtime: this.runtime }, { force: proxiesChanged });
  }

}
