import type { ReactNode } from "react";
import { Shell } from "@/components/shell/shell";
import { requirePrincipal } from "@/server/auth/current-principal";

export const dynamic = "force-dynamic";

export default async function PanelLayout({ children }: { children: ReactNode }) {
  const principal = await requirePrincipal();
  return <Shell email={principal.email}>{children}</Shell>;
}
