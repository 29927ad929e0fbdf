import type { Metadata } from "next";
import { LinkButton } from "@/components/sites/site-links";
import { SitesView } from "@/components/sites/sites-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sites" };

export default function SitesPage() {
  return (
    <>
      <PageHeader
        title="Sites"
        description="Web sites served by Slipway's shared front server, each deployed from a git repository as atomic releases."
        actions={<LinkButton href="/sites/new">Add a site</LinkButton>}
      />
      <SitesView />
    </>
  );
}
