"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The one moment a token's secret is visible: copy it now. */
export function NewTokenNotice({ name, secret, onDismiss }: { name: string; secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  return (
    <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950">
      <p className="font-medium text-emerald-900 dark:text-emerald-200">Token “{name}” created. Copy it now: it will not be shown again.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid="new-token-secret" className="flex-1 rounded bg-white px-2 py-1.5 font-mono text-xs break-all select-all dark:bg-slate-950">
          {secret}
        </code>
        <Button variant="secondary" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
    </div>
  );
}
