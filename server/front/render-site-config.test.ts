import { describe, expect, it } from "vitest";
import { renderSiteConfig, SiteConfigError, type SiteConfigInput } from "./render-site-config";

const base: SiteConfigInput = { siteId: "s1", name: "Shop", domains: ["shop.test", "www.shop.test"], stack: "static", webRoot: "/srv/sites/s1/current/public" };

describe("renderSiteConfig", () => {
  it("static: root, try_files, hidden files denied, both ports, primary domain first", () => {
    const conf = renderSiteConfig(base);
    expect(conf).toContain("server_name shop.test www.shop.test;");
    expect(conf).toContain("root /srv/sites/s1/current/public;");
    expect(conf).toContain("try_files $uri $uri/ =404;");
    expect(conf).toContain("include /etc/nginx/slipway/deny-hidden.conf;");
    expect(conf).toMatch(/listen 80;[\s\S]*listen 443 ssl;/);
    expect(conf).not.toContain("ssl_certificate");
    // No release (or no such web root) yet: a plain 503 that says what to do.
    expect(conf).toMatch(/if \(!-d \$document_root\) \{\s+rewrite \^ \/__slipway_no_release last;/);
    expect(conf).toMatch(/location = \/__slipway_no_release \{\s+internal;\s+default_type text\/plain;\s+return 503 "[^"]+";/);
  });

  it("php-fpm: fastcgi to a variable upstream so it resolves per request", () => {
    const conf = renderSiteConfig({ ...base, stack: "nginx-php-fpm", upstream: { host: "slipway-s1-php", port: 9000 } });
    expect(conf).toContain("set $slipway_fpm slipway-s1-php:9000;");
    expect(conf).toContain("fastcgi_pass $slipway_fpm;");
    expect(conf).toContain("include /etc/nginx/slipway/fastcgi-php.conf;");
  });

  it.each(["apache", "php-server", "dockerfile"] as const)("%s: proxied to a variable upstream", (stack) => {
    const conf = renderSiteConfig({ ...base, stack, upstream: { host: "slipway-s1-web", port: 8080 } });
    expect(conf).toContain("set $slipway_upstream http://slipway-s1-web:8080;");
    expect(conf).toContain("proxy_pass $slipway_upstream;");
    expect(conf).toContain("include /etc/nginx/slipway/proxy.conf;");
  });

  it("uses the site's own certificate when it has one, and puts the custom snippet inside the server block", () => {
    const conf = renderSiteConfig({ ...base, certificate: { certPath: "/etc/slipway/front/tls/s1.crt", keyPath: "/etc/slipway/front/tls/s1.key" }, customSnippet: "add_header X-Shop 1;" });
    expect(conf).toContain("ssl_certificate /etc/slipway/front/tls/s1.crt;");
    expect(conf).toContain("ssl_certificate_key /etc/slipway/front/tls/s1.key;");
    const snippetAt = conf.indexOf("add_header X-Shop 1;");
    expect(snippetAt).toBeGreaterThan(conf.indexOf("server {"));
    expect(snippetAt).toBeLessThan(conf.lastIndexOf("}"));
  });

  it.each<[string, Partial<SiteConfigInput>]>([
    ["a domain with a semicolon", { domains: ["a.test; include /etc/passwd"] }],
    ["a domain with a newline", { domains: ["a.test\nlocation"] }],
    ["a domain with a brace", { domains: ["a.test}"] }],
    ["no domain", { domains: [] }],
    ["a label over 63 chars", { domains: [`${"a".repeat(64)}.test`] }],
    ["a relative web root", { webRoot: "srv/x" }],
    ["a web root with ..", { webRoot: "/srv/../etc" }],
    ["a web root with a space", { webRoot: "/srv/a b" }],
    ["an upstream with a semicolon", { stack: "apache", upstream: { host: "x;y", port: 80 } }],
    ["an out-of-range port", { stack: "apache", upstream: { host: "x", port: 70000 } }],
    ["a missing upstream", { stack: "nginx-php-fpm" }],
    ["a site id with a slash", { siteId: "../x" }],
    ["a certificate path with a semicolon", { certificate: { certPath: "/a;b", keyPath: "/k" } }],
  ])("refuses %s", (_, change) => {
    expect(() => renderSiteConfig({ ...base, ...change })).toThrow(SiteConfigError);
  });

  it("keeps the name to one printable line in a comment", () => {
    const conf = renderSiteConfig({ ...base, name: "Shop\n}\nserver {" });
    expect(conf.split("\n")[0]).toBe("# Slipway site s1: Shop}server {");
  });

  it("accepts a wildcard and lowercases domains", () => {
    expect(renderSiteConfig({ ...base, domains: ["Shop.Test", "*.shop.test"] })).toContain("server_name shop.test *.shop.test;");
  });
});
