"use client";
import { useRouter } from "next/navigation";
import { Card } from "@/components/ui/card";
import { SiteForm } from "./site-form";

/** The create form; a saved site opens on its own page, ready to deploy. */
export function NewSite() {
  const router = useRouter();
  return (
    <Card>
      <SiteForm onSaved={(site) => router.push(`/sites/${site.id}`)} onCancel={() => router.push("/sites")} />
    </Card>
  );
}
