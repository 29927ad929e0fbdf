"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorText } from "@/components/ui/field";
import { KeyIcon } from "@/components/ui/icons";
import { formatTime } from "@/components/ui/time";
import { useTRPC } from "@/components/trpc";
import { KnownHosts } from "./known-hosts";
import { NewKeyForm } from "./new-key-form";

export function KeysView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.keys.list.queryOptions());
  const remove = useMutation(trpc.keys.delete.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.keys.list.pathFilter()) }));

  const confirmDelete = (key: { id: string; name: string; usedBy: { name: string }[] }) => {
    const users = key.usedBy.map((t) => t.name);
    const question = users.length
      ? `Deploy key "${key.name}" is used by ${users.join(", ")}. Their checkouts will fail until they get another key. Delete it anyway?`
      : `Delete deploy key "${key.name}"? Remove it from your git host too.`;
    if (confirm(question)) remove.mutate({ keyId: key.id, force: users.length > 0 });
  };

  return (
    <div className="space-y-6">
      <NewKeyForm />
      <ErrorText>{remove.error?.message}</ErrorText>
      {keys.data?.length === 0 && (
        <EmptyState icon={<KeyIcon />} title="No deploy keys yet">
          Generate one above, add its public half to your repository&apos;s deploy keys (read-only), then use it in a task&apos;s checkout.
        </EmptyState>
      )}
      <ul className="space-y-4">
        {keys.data?.map((key) => (
          <li key={key.id} data-testid={`key-${key.name}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h3 className="font-semibold">{key.name}</h3>
                <p className="mt-0.5 font-mono text-xs text-slate-500 dark:text-slate-400" data-testid="key-fingerprint">
                  {key.keyType} · {key.fingerprint}
                </p>
              </div>
              <div className="flex gap-2">
                <CopyButton text={key.publicKey} label="Copy public key" />
                <Button variant="danger" onClick={() => confirmDelete(key)} disabled={remove.isPending}>
                  Delete
                </Button>
              </div>
            </div>
            <pre data-testid="key-public" className="mt-3 overflow-x-auto rounded-md bg-slate-100 px-3 py-2 font-mono text-xs whitespace-pre-wrap break-all text-slate-700 dark:bg-slate-950 dark:text-slate-300">
              {key.publicKey}
            </pre>
            <div className="mt-3 flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
              <span>Created {formatTime(key.createdAt)}</span>
              <span>·</span>
              {key.usedBy.length ? key.usedBy.map((t) => <Badge key={t.id}>{t.name}</Badge>) : <span>not used by any task yet</span>}
            </div>
          </li>
        ))}
      </ul>
      <KnownHosts />
    </div>
  );
}
