import { describe, expect, it } from "vitest";
import { emptySite, parseBuildCommand, serverErrors, siteToDraft, validateDraft, type SiteDraft } from "./site-form-state";

const valid: SiteDraft = { ...emptySite, name: "shop", primaryDomain: "shop.example.com", url: "git@git.example.com:team/shop.git" };

describe("parseBuildCommand", () => {
  it("takes a JSON array as it is and splits a command line on spaces", () => {
    expect(parseBuildCommand('["sh", "-c", "npm ci && npm run build"]').argv).toEqual(["sh", "-c", "npm ci && npm run build"]);
    expect(parseBuildCommand("  npm   run build ").argv).toEqual(["npm", "run", "build"]);
  });

  it("says what a valid array looks like when the JSON is broken", () => {
    expect(parseBuildCommand('["sh", "-c"').error).toMatch(/JSON array of strings/);
    expect(parseBuildCommand("").error).toMatch(/needs a command/);
  });
});

describe("validateDraft", () => {
  it("accepts a minimal static site and sends what the server expects", () => {
    const { input, errors } = validateDraft(valid);
    expect(errors).toEqual({});
    expect(input?.domains).toEqual(["shop.example.com"]);
    expect(input?.php).toEqual({ ini: {}, fpmPool: {}, sessionHandler: "files" });
    expect(input?.appPort).toBeNull();
  });

  it("puts each problem under its field, naming the alias it is about", () => {
    const { input, errors } = validateDraft({ ...valid, name: "My Shop", aliases: "ok.example.com\nbad..example.com", stack: "dockerfile", url: "https://x/y" });
    expect(input).toBeNull();
    expect(errors.name).toHaveLength(1);
    expect(errors.aliases?.[0]).toMatch(/^bad\.\.example\.com: Not a valid host name/);
    expect(errors["source.url"]?.[0]).toMatch(/SSH git URL/);
    expect(errors.appPort?.[0]).toMatch(/port/);
  });

  it("keeps a stored secret by sending null, and flags a variable set twice on its row", () => {
    const env = [
      { name: "TOKEN", value: "", secret: true, stored: true },
      { name: "TOKEN", value: "x", secret: false, stored: false },
    ];
    expect(validateDraft({ ...valid, env: env.slice(0, 1) }).input?.env).toEqual([{ name: "TOKEN", value: null, secret: true }]);
    expect(validateDraft({ ...valid, env }).errors["env.1"]?.[0]).toMatch(/set twice/);
  });

  it("sends PHP settings only for PHP stacks, and the FPM pool only for FPM ones", () => {
    const php = { phpIni: "memory_limit=256M", fpmPool: { "pm.max_children": "10" } };
    expect(validateDraft({ ...valid, ...php, stack: "nginx-php-fpm" }).input?.php).toEqual({ ini: { memory_limit: "256M" }, fpmPool: { "pm.max_children": "10" }, sessionHandler: "files" });
    expect(validateDraft({ ...valid, ...php, stack: "php-server" }).input?.php.fpmPool).toEqual({});
    expect(validateDraft({ ...valid, ...php, stack: "static" }).input?.php.ini).toEqual({});
    expect(validateDraft({ ...valid, phpIni: "memory_limit", stack: "apache" }).errors["php.ini"]?.[0]).toMatch(/not key=value/);
  });
});

describe("serverErrors", () => {
  it("maps zod's 'path: message' lines to fields (under the update's site. prefix) and the rest to the top", () => {
    const errors = serverErrors("site.name: Give the site a name.\nsite.source.url: Use an SSH git URL\nsomething else went wrong", ["site"]);
    expect(errors).toEqual({ name: ["Give the site a name."], "source.url": ["Use an SSH git URL"], "": ["something else went wrong"] });
  });

  it("puts each taken domain under the field that holds it", () => {
    const errors = serverErrors('shop.example.com already belongs to site "a". www.example.com already belongs to site "b".', [], "shop.example.com");
    expect(errors.primaryDomain).toEqual(['shop.example.com already belongs to site "a".']);
    expect(errors.aliases).toEqual(['www.example.com already belongs to site "b".']);
  });
});

describe("siteToDraft", () => {
  it("round-trips a site, showing a simple custom command as one line", () => {
    const draft = siteToDraft({
      name: "shop",
      domains: ["shop.example.com", "www.shop.example.com"],
      stack: "apache",
      source: { url: "git@h:x.git", revision: "main", keyId: null, submodules: false },
      build: { mode: "custom", command: ["npm", "run", "build"] },
      webRoot: "public",
      env: [{ name: "S", value: null, secret: true }],
      sharedPaths: ["storage/"],
      healthPath: "/health",
      php: { ini: { memory_limit: "1G" }, fpmPool: {}, sessionHandler: "redis" },
      appPort: null,
      dockerfile: null,
      customSnippet: null,
    });
    expect(draft.buildCommand).toBe("npm run build");
    expect(draft.aliases).toBe("www.shop.example.com");
    expect(draft.env[0]?.stored).toBe(true);
    expect(validateDraft(draft).input?.build.command).toEqual(["npm", "run", "build"]);
  });
});
