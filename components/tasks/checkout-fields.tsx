"use client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { CheckoutDraft } from "./task-form-state";

export function CheckoutFields({
  index,
  value,
  keys,
  onChange,
  onRemove,
}: {
  index: number;
  value: CheckoutDraft;
  keys: { id: string; name: string }[];
  onChange: (next: CheckoutDraft) => void;
  onRemove: () => void;
}) {
  const set = (patch: Partial<CheckoutDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1 text-xs font-medium text-slate-500">Repository {index + 1}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField label="SSH URL" id={`co-url-${index}`} placeholder="ssh://git@git.example.com/team/app.git" value={value.url} onChange={(e) => set({ url: e.target.value })} />
        </div>
        <TextField label="Branch, tag or full sha" id={`co-rev-${index}`} value={value.revision} onChange={(e) => set({ revision: e.target.value })} />
        <div>
          <label htmlFor={`co-key-${index}`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Deploy key
          </label>
          <select
            id={`co-key-${index}`}
            value={value.keyId}
            onChange={(e) => set({ keyId: e.target.value })}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-950"
          >
            <option value="">none (public repository)</option>
            {keys.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <TextField label="Mount name (optional)" id={`co-mount-${index}`} placeholder="default: the repository's name" hint="Checked out at /src/<name>." value={value.mountName} onChange={(e) => set({ mountName: e.target.value })} />
        <label className="flex items-center gap-2 self-center text-sm">
          <input type="checkbox" checked={value.submodules} onChange={(e) => set({ submodules: e.target.checked })} />
          Include submodules
        </label>
      </div>
      <div className="mt-2 text-right">
        <Button variant="ghost" onClick={onRemove}>
          Remove repository
        </Button>
      </div>
    </fieldset>
  );
}
