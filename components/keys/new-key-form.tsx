"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorText, TextField } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";

export function NewKeyForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [comment, setComment] = useState("");
  const [importing, setImporting] = useState(false);
  const [privateKey, setPrivateKey] = useState("");
  const done = () => {
    setName("");
    setComment("");
    setPrivateKey("");
    setImporting(false);
    void queryClient.invalidateQueries(trpc.keys.list.pathFilter());
  };
  const create = useMutation(trpc.keys.create.mutationOptions({ onSuccess: done }));
  const importKey = useMutation(trpc.keys.import.mutationOptions({ onSuccess: done }));
  const pending = create.isPending || importKey.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { name, comment: comment || undefined };
    if (importing) importKey.mutate({ ...input, privateKey });
    else create.mutate(input);
  };

  return (
    <Card title="New deploy key" description="Slipway generates an ed25519 key; register its public half as a read-only deploy key on your git host.">
      <form onSubmit={submit} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" id="key-name" placeholder="e.g. shop-frontend" value={name} onChange={(e) => setName(e.target.value)} required />
          <TextField label="Comment (optional)" id="key-comment" placeholder="shown at the end of the public key" value={comment} onChange={(e) => setComment(e.target.value)} />
        </div>
        {importing && (
          <div>
            <label htmlFor="key-private" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Private key to import
            </label>
            <textarea
              id="key-private"
              rows={6}
              value={privateKey}
              onChange={(e) => setPrivateKey(e.target.value)}
              placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-950"
            />
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Stored encrypted; never shown again. Keys with a passphrase are refused.</p>
          </div>
        )}
        <ErrorText>{create.error?.message ?? importKey.error?.message}</ErrorText>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : importing ? "Import key" : "Generate key"}
          </Button>
          <Button variant="ghost" onClick={() => setImporting((v) => !v)}>
            {importing ? "Generate a new key instead" : "Import an existing key"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
