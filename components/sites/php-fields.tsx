import { FPM_POOL_KEYS, SESSION_HANDLERS, type Stack } from "@/server/sites/site-input";
import { FieldMessages, inputClass, labelClass, Select, TextArea } from "./form-bits";
import type { FieldErrors, SiteDraft } from "./site-form-state";
import { FPM_STACKS } from "./site-labels";

const POOL_HINTS: Record<(typeof FPM_POOL_KEYS)[number], string> = {
  pm: "dynamic",
  "pm.max_children": "5",
  "pm.start_servers": "2",
  "pm.min_spare_servers": "1",
  "pm.max_spare_servers": "3",
  "pm.process_idle_timeout": "10s",
  "pm.max_requests": "0",
  request_terminate_timeout: "0",
};

const SESSION_LABELS: Record<(typeof SESSION_HANDLERS)[number], string> = {
  files: "files (PHP's default)",
  redis: "redis (a shared store Slipway runs)",
  memcached: "memcached (a shared store Slipway runs)",
};

/** php.ini overrides, the FPM pool (FPM stacks only) and where sessions live. */
export function PhpFields({ draft, stack, errors, set }: { draft: SiteDraft; stack: Stack; errors: FieldErrors; set: (patch: Partial<SiteDraft>) => void }) {
  return (
    <div className="space-y-4">
      <TextArea
        label="php.ini overrides (key=value per line)"
        id="site-php-ini"
        rows={4}
        placeholder={"memory_limit=256M\nupload_max_filesize=32M"}
        value={draft.phpIni}
        onChange={(e) => set({ phpIni: e.target.value })}
        errors={errors["php.ini"]}
      />
      {FPM_STACKS.includes(stack) && (
        <div>
          <p className={labelClass}>PHP-FPM pool</p>
          <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">Leave a setting empty to keep its default (shown greyed).</p>
          <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {FPM_POOL_KEYS.map((key) => (
              <div key={key}>
                <label htmlFor={`site-fpm-${key}`} className="block font-mono text-xs text-slate-600 dark:text-slate-400">
                  {key}
                </label>
                <input
                  id={`site-fpm-${key}`}
                  className={`${inputClass} font-mono`}
                  placeholder={POOL_HINTS[key]}
                  value={draft.fpmPool[key] ?? ""}
                  onChange={(e) => set({ fpmPool: { ...draft.fpmPool, [key]: e.target.value } })}
                />
              </div>
            ))}
          </div>
          <FieldMessages id="site-fpm" messages={errors["php.fpmPool"]} />
        </div>
      )}
      <div className="max-w-sm">
        <Select
          label="Session handler"
          id="site-session"
          value={draft.sessionHandler}
          onChange={(e) => set({ sessionHandler: SESSION_HANDLERS.find((h) => h === e.target.value) ?? "files" })}
          errors={errors["php.sessionHandler"]}
        >
          {SESSION_HANDLERS.map((h) => (
            <option key={h} value={h}>
              {SESSION_LABELS[h]}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
