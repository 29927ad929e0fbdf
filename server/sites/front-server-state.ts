import "server-only";
import type { SiteRuntime } from "./site-runtime";
import type { SitesSupervisor } from "./sites-supervisor";

/** What the Sites page says about the front server: its ports, and whether the supervisor got it running. */
export function frontServerState(runtime: SiteRuntime, supervisor: SitesSupervisor) {
  const report = supervisor.frontReport;
  return {
    container: runtime.frontContainer,
    bind: runtime.frontBind,
    httpPort: runtime.frontHttpPort,
    httpsPort: runtime.frontHttpsPort,
    /** null: not checked yet (the panel just started). */
    running: report === null ? null : report.ok,
    error: report && !report.ok ? report.error : supervisor.lastError,
  };
}
