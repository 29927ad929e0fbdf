import type { Tone } from "@/components/ui/badge";
import type { Stack } from "@/server/sites/site-input";

/** How each stack is named in the panel, with the one line that says what it runs. */
export const STACK_INFO: Record<Stack, { label: string; description: string }> = {
  static: { label: "Static", description: "Files served straight by the front server: HTML, CSS, JS, a built single-page app." },
  "nginx-php-fpm": { label: "nginx + PHP-FPM", description: "PHP behind nginx in the site's own container; the usual choice for PHP apps." },
  apache: { label: "Apache + PHP-FPM", description: "PHP behind Apache, for apps that rely on .htaccess rules (reloaded when they change)." },
  "php-server": { label: "PHP built-in server", description: "php -S in the site's container: small tools and development sites." },
  dockerfile: { label: "Custom Dockerfile", description: "Your own image built from the repository; the front server proxies to its port." },
};

export const PHP_STACKS: readonly Stack[] = ["nginx-php-fpm", "apache", "php-server"];
export const FPM_STACKS: readonly Stack[] = ["nginx-php-fpm", "apache"];

export type FrontStatus = "pending" | "ok" | "quarantined";

export const FRONT_STATUS: Record<FrontStatus, { tone: Tone; label: string }> = {
  ok: { tone: "green", label: "ok" },
  quarantined: { tone: "red", label: "quarantined" },
  pending: { tone: "slate", label: "pending" },
};

/** Release states (removed releases are never listed). */
export const RELEASE_TONES: Record<string, Tone> = {
  active: "green",
  published: "blue",
  previous: "slate",
  bad: "amber",
  failed: "red",
};

/** A release the site can switch back to: kept on disk and not the live one. */
export const canRollBackTo = (status: string) => status === "previous" || status === "bad";
