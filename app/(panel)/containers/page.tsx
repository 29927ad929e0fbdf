import type { Metadata } from "next";
import { ContainersView } from "@/components/containers/containers-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Containers" };

export default function ContainersPage() {
  return (
    <>
      <PageHeader title="Containers" description="The containers Slipway manages, live from Docker's event stream." />
      <ContainersView />
    </>
  );
}
