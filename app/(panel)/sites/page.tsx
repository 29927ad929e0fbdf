import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { GlobeIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sites" };

export default function SitesPage() {
  return (
    <>
      <PageHeader title="Sites" description="Web sites served by Slipway's shared front server, each deployed from a git repository as atomic releases." />
      <EmptyState icon={<GlobeIcon />} title="No sites yet">
        Sites (static, nginx + PHP-FPM, Apache, PHP built-in server or your own Dockerfile) are not part of this build yet. The Docker engine, API tokens and
        container view already work: see <a className="font-medium text-indigo-600 hover:underline dark:text-indigo-300" href="/containers">Containers</a>.
      </EmptyState>
    </>
  );
}
