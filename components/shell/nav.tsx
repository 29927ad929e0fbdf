"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ComponentType, SVGProps } from "react";
import { BoxIcon, GearIcon, GlobeIcon, KeyIcon, ListIcon, PlayIcon } from "@/components/ui/icons";

const items: { href: string; label: string; icon: ComponentType<SVGProps<SVGSVGElement>> }[] = [
  { href: "/sites", label: "Sites", icon: GlobeIcon },
  { href: "/runs", label: "Runs", icon: PlayIcon },
  { href: "/tasks", label: "Tasks", icon: ListIcon },
  { href: "/keys", label: "Keys", icon: KeyIcon },
  { href: "/containers", label: "Containers", icon: BoxIcon },
  { href: "/settings", label: "Settings", icon: GearIcon },
];

export function Nav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {items.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors ${
              active
                ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-950/70 dark:text-indigo-200"
                : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800/70 dark:hover:text-white"
            }`}
          >
            <Icon className="shrink-0" />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
