import type { Metadata } from "next";
import { NewSite } from "@/components/sites/new-site";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New site" };

export default function NewSitePage() {
  return (
    <>
      <PageHeader title="New site" description="Where the code comes from, how it is built and served, and the domains it answers on. Nothing is deployed until you press Deploy." />
      <NewSite />
    </>
  );
}
