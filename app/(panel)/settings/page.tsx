import type { Metadata } from "next";
import { ApiTokens } from "@/components/settings/api-tokens";
import { AuditLog } from "@/components/settings/audit-log";
import { PanelSettings } from "@/components/settings/panel-settings";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Runs, releases, the front server, API access and the audit trail." />
      <div className="space-y-6">
        <PanelSettings />
        <ApiTokens />
        <AuditLog />
      </div>
    </>
  );
}
