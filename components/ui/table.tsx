import type { ReactNode } from "react";

export interface Column {
  label: string;
  align?: "left" | "right";
}

/**
 * The panel's tables: "boxed" (a card of its own, for page-level lists) or "plain" (inside a card).
 * Rows are the children (<tr>…</tr>).
 */
export function Table({ columns, children, variant = "boxed", testId }: { columns: Column[]; children: ReactNode; variant?: "boxed" | "plain"; testId?: string }) {
  const boxed = variant === "boxed";
  const cell = boxed ? "px-4 py-2.5" : "py-2 pr-4 last:pr-0";
  return (
    <div className={boxed ? "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900" : "overflow-x-auto"}>
      <table className={`min-w-full text-sm ${boxed ? "divide-y divide-slate-200 dark:divide-slate-800" : ""}`} data-testid={testId}>
        <thead className={`text-left text-xs text-slate-500 uppercase dark:text-slate-400 ${boxed ? "bg-slate-50 font-medium tracking-wide dark:bg-slate-900" : ""}`}>
          <tr>
            {columns.map((c, i) => (
              <th key={i} className={`${cell} ${c.align === "right" ? "text-right" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}
