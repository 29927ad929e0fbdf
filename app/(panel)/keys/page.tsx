import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Keys" };

export default function KeysPage() {
  return (
    <>
      <PageHeader title="Deploy keys" description="SSH keys Slipway uses to clone your repositories. The private half is encrypted at rest and never shown again." />
      <EmptyState icon={<KeyIcon />} title="No deploy keys yet">
        Creating ed25519 deploy keys is not part of this build yet. You will register each key&apos;s public half as a read-only deploy key on your git host.
      </EmptyState>
    </>
  );
}
