import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { TextField } from "@/components/ui/field";

export const labelClass = "block text-sm font-medium text-slate-700 dark:text-slate-300";
export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none placeholder:text-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 aria-invalid:border-rose-400 dark:border-slate-700 dark:bg-slate-950 dark:aria-invalid:border-rose-700";
export const monoAreaClass = `${inputClass} font-mono text-xs`;

/** A field's own problems, under it. */
export function FieldMessages({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <ul id={`${id}-error`} data-testid={`error-${id}`} className="mt-1 space-y-0.5 text-xs text-rose-700 dark:text-rose-300">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

/** Props that tie an input to its messages. */
export const invalid = (id: string, messages: string[] | undefined) =>
  messages?.length ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};

export function TextArea({ label, id, hint, errors, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; id: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <textarea id={id} spellCheck={false} {...props} {...invalid(id, errors)} className={monoAreaClass} />
      {hint && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      <FieldMessages id={id} messages={errors} />
    </div>
  );
}

export function Select({ label, id, errors, children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; id: string; errors?: string[] }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} {...props} {...invalid(id, errors)} className={inputClass}>
        {children}
      </select>
      <FieldMessages id={id} messages={errors} />
    </div>
  );
}

/** A text input with its messages; the hint gives way to the messages when there are some. */
export function Field({ id, errors, hint, wrapperClassName, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; id: string; hint?: string; errors?: string[]; wrapperClassName?: string }) {
  return (
    <div className={wrapperClassName}>
      <TextField id={id} hint={errors?.length ? undefined : hint} {...props} {...invalid(id, errors)} />
      <FieldMessages id={id} messages={errors} />
    </div>
  );
}

/** A titled group of fields inside the form. */
export function Section({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4 border-t border-slate-200 pt-5 first:border-t-0 first:pt-0 dark:border-slate-800">
      <div>
        <h3 id={`${id}-title`} className="text-sm font-semibold">
          {title}
        </h3>
        {description && <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">{description}</p>}
      </div>
      {children}
    </section>
  );
}
