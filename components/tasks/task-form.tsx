"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorText, TextField } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { CheckoutFields } from "./checkout-fields";
import { draftToInput, emptyCheckout, emptyTask, type TaskDraft } from "./task-form-state";

const areaClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-950";

/** Create a task, or edit one (`taskId` + `initial`). */
export function TaskForm({ taskId, initial, onDone }: { taskId?: string; initial?: TaskDraft; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.keys.list.queryOptions());
  const [draft, setDraft] = useState<TaskDraft>(initial ?? emptyTask);
  const set = (patch: Partial<TaskDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const finish = () => {
    void queryClient.invalidateQueries(trpc.tasks.list.pathFilter());
    onDone();
  };
  const create = useMutation(trpc.tasks.create.mutationOptions({ onSuccess: finish }));
  const update = useMutation(trpc.tasks.update.mutationOptions({ onSuccess: finish }));
  const error = create.error ?? update.error;
  const pending = create.isPending || update.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = draftToInput(draft);
    if (taskId) update.mutate({ taskId, task: input });
    else create.mutate(input);
  };

  return (
    <Card title={taskId ? `Edit ${initial?.name ?? "task"}` : "New task"} description="An image and a command, run on fresh checkouts of your repositories.">
      <form onSubmit={submit} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" id="task-name" placeholder="e.g. build-docs" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
          <TextField label="Image" id="task-image" placeholder="e.g. node:20-bookworm" value={draft.image} onChange={(e) => set({ image: e.target.value })} />
        </div>
        <div>
          <div className="flex items-center justify-between">
            <label htmlFor="task-command" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Command
            </label>
            <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
              <input type="checkbox" checked={draft.shell} onChange={(e) => set({ shell: e.target.checked })} />
              run as a shell script (sh -c)
            </label>
          </div>
          <textarea id="task-command" rows={4} className={areaClass} value={draft.command} onChange={(e) => set({ command: e.target.value })} placeholder={draft.shell ? "npm ci && npm run build" : "one argument per line"} />
        </div>
        <div className="space-y-3">
          {draft.checkouts.map((checkout, i) => (
            <CheckoutFields
              key={i}
              index={i}
              value={checkout}
              keys={keys.data ?? []}
              onChange={(next) => set({ checkouts: draft.checkouts.map((c, j) => (j === i ? next : c)) })}
              onRemove={() => set({ checkouts: draft.checkouts.filter((_, j) => j !== i) })}
            />
          ))}
          <Button variant="secondary" onClick={() => set({ checkouts: [...draft.checkouts, emptyCheckout] })}>
            Add repository
          </Button>
        </div>
        {draft.checkouts.length > 0 && (
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="task-build-repo" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
                Image source
              </label>
              <select
                id="task-build-repo"
                value={draft.buildRepo}
                onChange={(e) => set({ buildRepo: e.target.value })}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950"
              >
                <option value="">use the image as it is on the engine</option>
                {draft.checkouts.map((c, i) => {
                  const mount = c.mountName.trim() || (c.url.split(/[/:]/).pop() ?? "").replace(/\.git$/, "");
                  return (
                    <option key={i} value={mount}>
                      build it from a Dockerfile in {mount || `repository ${i + 1}`}
                    </option>
                  );
                })}
              </select>
            </div>
            {draft.buildRepo && (
              <TextField label="Dockerfile path" id="task-build-dockerfile" value={draft.buildDockerfile} onChange={(e) => set({ buildDockerfile: e.target.value })} />
            )}
          </div>
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="sm:col-span-3">
            <label htmlFor="task-env" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Environment (KEY=value per line)
            </label>
            <textarea id="task-env" rows={3} className={areaClass} value={draft.env} onChange={(e) => set({ env: e.target.value })} />
          </div>
          <TextField label="Working directory" id="task-workdir" placeholder="default: the first repository" value={draft.workingDir} onChange={(e) => set({ workingDir: e.target.value })} />
          <TextField label="Timeout (minutes)" id="task-timeout" type="number" min={1} value={draft.timeoutMinutes} onChange={(e) => set({ timeoutMinutes: e.target.value })} />
        </div>
        <ErrorText>{error?.message}</ErrorText>
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : taskId ? "Save task" : "Create task"}
          </Button>
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
