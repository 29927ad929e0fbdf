import { STACKS, type Stack } from "@/server/sites/site-input";
import { FieldMessages } from "./form-bits";
import { STACK_INFO } from "./site-labels";

/** The five stacks as radio cards, each with what it runs. */
export function StackPicker({ value, onChange, errors }: { value: Stack; onChange: (stack: Stack) => void; errors?: string[] }) {
  return (
    <div role="radiogroup" aria-label="Stack">
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {STACKS.map((stack) => {
          const checked = stack === value;
          return (
            <label
              key={stack}
              data-testid={`stack-${stack}`}
              className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm transition-colors has-focus-visible:outline-2 has-focus-visible:outline-indigo-500 ${
                checked
                  ? "border-indigo-500 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950/60"
                  : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800/60"
              }`}
            >
              <input type="radio" name="stack" value={stack} checked={checked} onChange={() => onChange(stack)} className="mt-0.5 accent-indigo-600" />
              <span>
                <span className="block font-medium">{STACK_INFO[stack].label}</span>
                <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">{STACK_INFO[stack].description}</span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldMessages id="site-stack" messages={errors} />
    </div>
  );
}
