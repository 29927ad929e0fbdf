import "server-only";
import { isValidHostname } from "./hostname";

export { isValidHostname };

export type SiteStack = "static" | "nginx-php-fpm" | "apache" | "php-server" | "dockerfile";

/** What the front server needs to know about one site. Plain data: the Sites feature maps its DB row to this. */
export interface SiteConfigInput {
  siteId: string;
  /** Shown in a comment only. */
  name: string;
  /** Primary first. */
  domains: string[];
  stack: SiteStack;
  /** Absolute path inside the release, the same in the front server and the sidecar, e.g. /srv/sites/<id>/current/public. */
  webRoot: string;
  /** Sidecar container name and port; required for every stack but static. */
  upstream?: { host: string; port: number };
  /** The site's own certificate (paths inside the front container); without it :443 uses the default self-signed one. */
  certificate?: { certPath: string; keyPath: string };
  /** Free nginx text written by an admin, placed inside the server block as-is (quarantine catches mistakes). */
  customSnippet?: string;
}

export class SiteConfigError extends Error {
  constructor(
    readonly siteId: string,
    message: string,
  ) {
    super(message);
    this.name = "SiteConfigError";
  }
}

const SITE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const ABSOLUTE_PATH = /^(\/[A-Za-z0-9._-]+)+\/?$/;


function isSafePath(value: string): boolean {
  return ABSOLUTE_PATH.test(value) && !value.split("/").some((part) => part === "." || part === "..");
}

/** The file name of a site's config in the sites directory. */
export function siteConfigFileName(siteId: string): string {
  if (!SITE_ID.test(siteId)) throw new SiteConfigError(siteId, `invalid site id ${JSON.stringify(siteId)}`);
  return `${siteId}.conf`;
}

/** Renders one site's nginx server block. Every field but the custom snippet is checked, so none can inject nginx syntax. */
export function renderSiteConfig(site: SiteConfigInput): string {
  const fail = (message: string): never => {
    throw new SiteConfigError(site.siteId, message);
  };
  if (!SITE_ID.test(site.siteId)) fail(`invalid site id ${JSON.stringify(site.siteId)}`);
  if (site.domains.length === 0) fail("a site needs at least one domain");
  const domains = site.domains.map((d) => d.toLowerCase());
  for (const domain of domains) if (!isValidHostname(domain)) fail(`invalid domain ${JSON.stringify(domain)}`);
  if (!isSafePath(site.webRoot)) fail(`invalid web root ${JSON.stringify(site.webRoot)}`);
  const certificate = site.certificate;
  if (certificate && !(isSafePath(certificate.certPath) && isSafePath(certificate.keyPath))) fail("invalid certificate path");
  // The name only appears in a comment: anything beyond printable single-line text is dropped.
  const name = site.name.replace(/[^\x20-\x7e]/g, "").slice(0, 100);

  const lines = [
    `# Slipway site ${site.siteId}: ${name}`,
    "server {",
    "    listen 80;",
    "    listen 443 ssl;",
    `    server_name ${domains.join(" ")};`,
  ];
  if (certificate) lines.push(`    ssl_certificate ${certificate.certPath};`, `    ssl_certificate_key ${certificate.keyPath};`);
  lines.push(
    `    root ${site.webRoot};`,
    // Before the first deploy (or with a web root the release lacks) a plain answer says what to do, not nginx's 404.
    "    if (!-d $document_root) {",
    "        rewrite ^ /__slipway_no_release last;",
    "    }",
    "    location = /__slipway_no_release {",
    "        internal;",
    "        default_type text/plain;",
    '        return 503 "This site has no live release with its web root yet: deploy it in Slipway (or check its web root).";',
    "    }",
    "    include /etc/nginx/slipway/deny-hidden.conf;",
  );
  if (site.customSnippet !== undefined && site.customSnippet.trim() !== "") {
    lines.push("    # --- custom snippet ---", site.customSnippet.replace(/\s+$/, ""), "    # --- end of custom snippet ---");
  }

  if (site.stack === "static") {
    lines.push("    index index.html index.htm;", "    location / {", "        try_files $uri $uri/ =404;", "    }");
  } else {
    const upstream = site.upstream ?? fail(`the ${site.stack} stack needs an upstream`);
    if (!CONTAINER_NAME.test(upstream.host)) fail(`invalid upstream host ${JSON.stringify(upstream.host)}`);
    if (!Number.isInteger(upstream.port) || upstream.port < 1 || upstream.port > 65535) fail(`invalid upstream port ${upstream.port}`);
    const address = `${upstream.host}:${upstream.port}`;
    if (site.stack === "nginx-php-fpm") {
      lines.push(
        "    index index.php index.html;",
        "    location / {",
        "        try_files $uri $uri/ /index.php$is_args$args;",
        "    }",
        "    location ~ \\.php$ {",
        "        try_files $uri =404;",
        // A variable: resolved per request, so a stopped sidecar is a 502, never a failed reload.
        `        set $slipway_fpm ${address};`,
        "        fastcgi_pass $slipway_fpm;",
        "        include /etc/nginx/slipway/fastcgi-php.conf;",
        "    }",
      );
    } else {
      lines.push(
        "    location / {",
        `        set $slipway_upstream http://${address};`,
        "        proxy_pass $slipway_upstream;",
        "        include /etc/nginx/slipway/proxy.conf;",
        "    }",
      );
    }
  }
  lines.push("}", "");
  return lines.join("\n");
}
