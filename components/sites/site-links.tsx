import Link from "next/link";
import type { ReactNode } from "react";

/** Where the front server answers for a domain (the port only when it is not 80). */
export function siteUrl(domain: string, httpPort: number | null): string {
  return `http://${domain}${httpPort === null || httpPort === 80 ? "" : `:${httpPort}`}/`;
}

/** The site's domains, each a link to it (a wildcard is shown as text: there is no one host to open). */
export function DomainLinks({ domains, httpPort, className = "" }: { domains: string[]; httpPort: number | null; className?: string }) {
  return (
    <span className={`flex flex-wrap gap-x-3 gap-y-0.5 ${className}`}>
      {domains.map((d, i) =>
        d.startsWith("*.") ? (
          <span key={d} className="font-mono text-xs text-slate-500 dark:text-slate-400">
            {d}
          </span>
        ) : (
          <a
            key={d}
            href={siteUrl(d, httpPort)}
            target="_blank"
            rel="noreferrer"
            className={`font-mono text-xs hover:underline ${i === 0 ? "text-indigo-700 dark:text-indigo-300" : "text-slate-600 dark:text-slate-400"}`}
          >
            {d}
          </a>
        ),
      )}
    </span>
  );
}

const linkButtonClass =
  "inline-flex items-center justify-center gap-1.5 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white transition-colors hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500";

/** A link that looks like the panel's primary button. */
export function LinkButton({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  return (
    <Link href={href} className={linkButtonClass} data-testid={testId}>
      {children}
    </Link>
  );
}
