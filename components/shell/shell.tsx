"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { MenuIcon } from "@/components/ui/icons";
import { useTRPC } from "@/components/trpc";
import { EngineBanner } from "./engine-banner";
import { Nav } from "./nav";
import { ThemeToggle } from "./theme-toggle";

function Brand() {
  return (
    <div className="flex items-center gap-2 px-3 text-lg font-semibold tracking-tight">
      <span className="flex h-7 w-7 items-center justify-center rounded-md bg-indigo-600 text-sm font-bold text-white">S</span>
      Slipway
    </div>
  );
}

export function Shell({ email, children }: { email: string; children: ReactNode }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  const logout = useMutation(trpc.auth.logout.mutationOptions({ onSettled: () => router.replace("/login") }));

  const account = (
    <div className="border-t border-slate-200 px-3 pt-3 dark:border-slate-800">
      <div className="truncate text-xs text-slate-500 dark:text-slate-400" title={email}>
        {email}
      </div>
      <div className="mt-2 flex items-center justify-between">
        <button type="button" onClick={() => logout.mutate()} className="text-sm font-medium text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
          Sign out
        </button>
        <ThemeToggle />
      </div>
    </div>
  );

  return (
    <div className="min-h-screen lg:flex">
      <aside className="hidden w-60 shrink-0 flex-col justify-between border-r border-slate-200 bg-white py-4 lg:sticky lg:top-0 lg:flex lg:h-screen dark:border-slate-800 dark:bg-slate-900">
        <div className="flex flex-col gap-6 px-3">
          <Brand />
          <Nav />
        </div>
        {account}
      </aside>
      <div className="sticky top-0 z-20 flex items-center justify-between border-b border-slate-200 bg-white px-3 py-2 lg:hidden dark:border-slate-800 dark:bg-slate-900">
        <Brand />
        <button type="button" className="rounded-md p-2" aria-label="Open menu" aria-expanded={menuOpen} onClick={() => setMenuOpen((v) => !v)}>
          <MenuIcon />
        </button>
      </div>
      {menuOpen && (
        <div className="border-b border-slate-200 bg-white px-3 py-3 lg:hidden dark:border-slate-800 dark:bg-slate-900">
          <Nav onNavigate={() => setMenuOpen(false)} />
          <div className="mt-3">{account}</div>
        </div>
      )}
      <div className="min-w-0 flex-1">
        <EngineBanner />
        <main className="mx-auto max-w-6xl px-4 py-8 sm:px-8">{children}</main>
      </div>
    </div>
  );
}
