import type { Metadata } from "next";
import { KeysView } from "@/components/keys/keys-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Keys" };

export default function KeysPage() {
  return (
    <>
      <PageHeader title="Deploy keys" description="SSH keys Slipway clones your repositories with. The private half is encrypted at rest and never shown again." />
      <KeysView />
    </>
  );
}
