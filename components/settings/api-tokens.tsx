"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorText, TextField } from "@/components/ui/field";
import { formatTime } from "@/components/ui/time";
import { Table } from "@/components/ui/table";
import { useTRPC } from "@/components/trpc";
import { NewTokenNotice } from "./new-token-notice";

export function ApiTokens() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.tokens.list.queryOptions());
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries(trpc.tokens.list.pathFilter()), queryClient.invalidateQueries(trpc.audit.recent.pathFilter())]);
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: (token) => {
        setCreated({ name: token.name, secret: token.secret });
        setName("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions({ onSuccess: () => void refresh() }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name });
  };

  return (
    <Card title="API tokens" description="Call the same API the panel uses with Authorization: Bearer <token>. A token is shown once; only its hash is stored.">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <TextField label="Token name" id="token-name" placeholder="e.g. ci-deploys" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        </div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </form>
      <div className="mt-3 space-y-3">
        <ErrorText>{create.error?.message ?? revoke.error?.message}</ErrorText>
        {created && <NewTokenNotice name={created.name} secret={created.secret} onDismiss={() => setCreated(null)} />}
      </div>
      <div className="mt-4 overflow-x-auto">
        {tokens.data && tokens.data.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">No tokens yet.</p>}
        {tokens.data && tokens.data.length > 0 && (
          <Table variant="plain" columns={[{ label: "Name" }, { label: "Token" }, { label: "Created" }, { label: "Last used" }, { label: "" }]}>
              {tokens.data.map((t) => (
                <tr key={t.id} data-testid={`token-${t.name}`}>
                  <td className="py-2 pr-4 font-medium">{t.name}</td>
                  <td className="py-2 pr-4 font-mono text-xs">{t.prefix}…</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{formatTime(t.createdAt)}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{formatTime(t.lastUsedAt)}</td>
                  <td className="py-2 text-right">
                    {t.revokedAt ? (
                      <Badge tone="slate">revoked {formatTime(t.revokedAt)}</Badge>
                    ) : (
                      <Button
                        variant="danger"
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (confirm(`Revoke token "${t.name}"? Scripts using it will get 401 at once.`)) revoke.mutate({ tokenId: t.id });
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
          </Table>
        )}
      </div>
    </Card>
  );
}
