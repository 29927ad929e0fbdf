import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { currentPrincipal } from "@/server/auth/current-principal";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await currentPrincipal()) redirect("/sites");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="absolute top-4 right-4">
        <ThemeToggle />
      </div>
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3">
          <span className="flex h-11 w-11 items-center justify-center rounded-lg bg-indigo-600 text-xl font-bold text-white">S</span>
          <h1 className="text-xl font-semibold">Sign in to Slipway</h1>
        </div>
        <LoginForm />
        <p className="mt-6 text-center text-xs text-slate-500 dark:text-slate-400">
          First start? The admin password was printed by the run command and saved in <code className="font-mono">data/initial-admin-password</code>.
        </p>
      </div>
    </main>
  );
}
