"use client";
import { useQuery } from "@tanstack/react-query";
import { AlertIcon } from "@/components/ui/icons";
import { useTRPC } from "@/components/trpc";

/** A red bar across the panel while the Docker engine does not answer; it disappears by itself when it does. */
export function EngineBanner() {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.system.engine.queryOptions(), refetchInterval: 4_000 });
  if (!data || data.reachable || data.error === "not checked yet") return null;
  return (
    <div role="alert" className="flex items-start gap-3 border-b border-rose-200 bg-rose-50 px-4 py-2.5 text-sm text-rose-800 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200">
      <AlertIcon className="mt-0.5 shrink-0" />
      <div>
        <strong className="font-semibold">Docker engine unreachable.</strong> Sites keep their last state; deploys and container actions wait until it is back.
        <div className="mt-0.5 text-rose-700/90 dark:text-rose-300/80">{data.error}</div>
      </div>
    </div>
  );
}
