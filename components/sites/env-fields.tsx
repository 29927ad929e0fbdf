import { Button } from "@/components/ui/button";
import { FieldMessages, inputClass, invalid } from "./form-bits";
import { emptyEnv, type EnvDraft, type FieldErrors } from "./site-form-state";

/** Environment variables as rows; a stored secret shows only that it is set (its value never leaves the server). */
export function EnvFields({ value, onChange, errors }: { value: EnvDraft[]; onChange: (next: EnvDraft[]) => void; errors: FieldErrors }) {
  const setRow = (i: number, patch: Partial<EnvDraft>) => onChange(value.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <div className="space-y-2">
      {value.length > 0 && (
        <div className="hidden grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto_auto] gap-2 text-xs font-medium text-slate-500 sm:grid dark:text-slate-400">
          <span>Name</span>
          <span>Value</span>
          <span>Secret</span>
          <span className="sr-only">Remove</span>
        </div>
      )}
      {value.map((row, i) => {
        const id = `site-env-${i}`;
        const rowErrors = errors[`env.${i}`];
        return (
          <div key={i} data-testid={`env-row-${i}`}>
            <div className="grid grid-cols-1 items-center gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto_auto]">
              <input
                aria-label={`Variable ${i + 1} name`}
                className={`${inputClass} mt-0 font-mono`}
                placeholder="DATABASE_URL"
                value={row.name}
                {...invalid(id, rowErrors)}
                // Renaming a stored secret stores a new variable: it needs its value again.
                onChange={(e) => setRow(i, { name: e.target.value, ...(row.stored ? { stored: false, value: "" } : {}) })}
              />
              {row.stored ? (
                <div className="mt-0 flex items-center justify-between gap-2 rounded-md border border-dashed border-slate-300 px-3 py-1.5 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
                  <span data-testid={`env-secret-set-${i}`}>•••• (set)</span>
                  <button type="button" className="text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300" onClick={() => setRow(i, { stored: false, value: "" })}>
                    Replace
                  </button>
                </div>
              ) : (
                <input
                  aria-label={`Variable ${i + 1} value`}
                  className={`${inputClass} mt-0 font-mono`}
                  type={row.secret ? "password" : "text"}
                  autoComplete="off"
                  placeholder={row.secret ? "secret value" : "value"}
                  value={row.value}
                  onChange={(e) => setRow(i, { value: e.target.value })}
                />
              )}
              <label className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={row.secret}
                  // A stored secret made public needs its value typed in: the panel never had it.
                  onChange={(e) => setRow(i, { secret: e.target.checked, ...(row.stored ? { stored: false, value: "" } : {}) })}
                />
                <span className="sm:sr-only">Secret</span>
              </label>
              <Button variant="ghost" aria-label={`Remove variable ${row.name || i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                Remove
              </Button>
            </div>
            <FieldMessages id={id} messages={rowErrors} />
          </div>
        );
      })}
      <FieldMessages id="site-env" messages={errors.env} />
      <Button variant="secondary" onClick={() => onChange([...value, emptyEnv])}>
        Add variable
      </Button>
      {value.some((e) => e.secret) && <p className="text-xs text-slate-500 dark:text-slate-400">Secret values are encrypted at rest and never shown again; leave a stored one as it is to keep it.</p>}
    </div>
  );
}
