"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorText } from "@/components/ui/field";
import { formatTime } from "@/components/ui/time";
import { useTRPC } from "@/components/trpc";

/** Host keys pinned on first contact; a checkout fails if a host later presents another one. */
export function KnownHosts() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hosts = useQuery(trpc.keys.knownHosts.queryOptions());
  const forget = useMutation(trpc.keys.forgetHost.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.keys.knownHosts.pathFilter()) }));
  return (
    <Card title="Known hosts" description="SSH host keys recorded on the first checkout from each git host. Compare them with what your git host publishes.">
      <ErrorText>{forget.error?.message}</ErrorText>
      {hosts.data?.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">None yet: the first checkout from a host records its key here.</p>}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {hosts.data?.map((h) => (
          <li key={h.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
            <div>
              <span className="font-medium">
                {h.host}
                {h.port !== 22 && `:${h.port}`}
              </span>
              <span className="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">
                {h.keyType} {h.fingerprint}
              </span>
              <div className="text-xs text-slate-500">first seen {formatTime(h.firstSeenAt)}</div>
            </div>
            <Button
              variant="ghost"
              onClick={() => {
                if (confirm(`Forget the host key of ${h.host}? Only do this if the host's key changed legitimately; the next checkout trusts whatever key it presents.`)) forget.mutate({ host: h.host, port: h.port });
              }}
            >
              Forget
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
