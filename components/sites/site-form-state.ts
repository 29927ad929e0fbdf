/** The site form's editable text, its translation to the API's input, and errors keyed by form field. */
import { FPM_POOL_KEYS, siteInput, type SiteInput, type Stack } from "@/server/sites/site-input";
import { FPM_STACKS, PHP_STACKS } from "./site-labels";

type FpmPoolKey = (typeof FPM_POOL_KEYS)[number];
export type BuildMode = SiteInput["build"]["mode"];
export type SessionHandler = SiteInput["php"]["sessionHandler"];

export interface EnvDraft {
  name: string;
  value: string;
  secret: boolean;
  /** A secret the server already holds: its value never comes back; sent as null it stays as it is. */
  stored: boolean;
}

export interface SiteDraft {
  name: string;
  primaryDomain: string;
  /** One alias per line. */
  aliases: string;
  stack: Stack;
  url: string;
  revision: string;
  keyId: string;
  submodules: boolean;
  buildMode: BuildMode;
  /** A JSON array of arguments, or one command line split on spaces. */
  buildCommand: string;
  webRoot: string;
  /** One per line; a trailing / marks a folder. */
  sharedPaths: string;
  healthPath: string;
  env: EnvDraft[];
  /** key=value per line. */
  phpIni: string;
  fpmPool: Partial<Record<FpmPoolKey, string>>;
  sessionHandler: SessionHandler;
  appPort: string;
  dockerfile: string;
  customSnippet: string;
}

export const emptyEnv: EnvDraft = { name: "", value: "", secret: false, stored: false };

export const emptySite: SiteDraft = {
  name: "",
  primaryDomain: "",
  aliases: "",
  stack: "static",
  url: "",
  revision: "main",
  keyId: "",
  submodules: false,
  buildMode: "auto",
  buildCommand: "",
  webRoot: "",
  sharedPaths: "",
  healthPath: "/",
  env: [],
  phpIni: "",
  fpmPool: {},
  sessionHandler: "files",
  appPort: "",
  dockerfile: "Dockerfile",
  customSnippet: "",
};

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** `["sh", "-c", "make"]` as JSON, or `npm run build` split on spaces (no shell quoting). */
export function parseBuildCommand(text: string): { argv: string[] | null; error: string | null } {
  const trimmed = text.trim();
  if (!trimmed) return { argv: null, error: "A custom build needs a command." };
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((a): a is string => typeof a === "string")) return { argv: parsed, error: null };
    } catch {
      // reported below, with what a valid one looks like
    }
    return { argv: null, error: 'Not a JSON array of strings, e.g. ["sh", "-c", "npm ci && npm run build"].' };
  }
  return { argv: trimmed.split(/\s+/), error: null };
}

function parseIni(text: string): { ini: Record<string, string>; errors: string[] } {
  const ini: Record<string, string> = {};
  const errors: string[] = [];
  lines(text).forEach((line) => {
    const eq = line.indexOf("=");
    if (eq <= 0) errors.push(`"${line}" is not key=value.`);
    else ini[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  return { ini, errors };
}

export type FieldErrors = Record<string, string[]>;

/** The API input (as far as the text parses) and the problems found before the schema check. */
export function draftToInput(draft: SiteDraft): { input: SiteInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const build = draft.buildMode === "custom" ? parseBuildCommand(draft.buildCommand) : { argv: null, error: null };
  if (build.error) errors.build = [build.error];
  const php = PHP_STACKS.includes(draft.stack);
  const ini = php ? parseIni(draft.phpIni) : { ini: {}, errors: [] };
  if (ini.errors.length) errors["php.ini"] = ini.errors;
  const dockerfile = draft.stack === "dockerfile";
  const port = draft.appPort.trim();
  if (dockerfile && port && !/^\d+$/.test(port)) errors.appPort = ["The port is a number, e.g. 8080."];
  if (!draft.primaryDomain.trim()) errors.primaryDomain = ["Give the site's main domain, e.g. www.example.com."];
  const fpmPool = FPM_STACKS.includes(draft.stack)
    ? Object.fromEntries(Object.entries(draft.fpmPool).flatMap(([k, v]) => (v?.trim() ? [[k, v.trim()]] : [])))
    : {};
  return {
    input: {
      name: draft.name,
      domains: [draft.primaryDomain, ...lines(draft.aliases)].map((d) => d.trim()).filter((d, i) => i === 0 || d.length > 0),
      stack: draft.stack,
      source: { url: draft.url, revision: draft.revision, keyId: draft.keyId || null, submodules: draft.submodules },
      build: { mode: draft.buildMode, command: build.argv },
      webRoot: draft.webRoot.trim().replace(/\/+$/, ""),
      env: draft.env.map((e) => ({ name: e.name.trim(), value: e.stored ? null : e.value, secret: e.secret })),
      sharedPaths: lines(draft.sharedPaths),
      healthPath: draft.healthPath.trim() || "/",
      php: php ? { ini: ini.ini, fpmPool, sessionHandler: draft.sessionHandler } : { ini: {}, fpmPool: {}, sessionHandler: "files" },
      appPort: dockerfile && /^\d+$/.test(port) ? Number(port) : null,
      dockerfile: dockerfile ? draft.dockerfile.trim() || null : null,
      customSnippet: draft.customSnippet.trim() ? draft.customSnippet : null,
    },
    errors,
  };
}

/** The form field a schema path is about (null: no field, shown at the top). */
export function fieldOfPath(path: readonly PropertyKey[]): string | null {
  const [first, second] = path.map(String);
  switch (first) {
    case "name":
    case "stack":
    case "webRoot":
    case "sharedPaths":
    case "healthPath":
    case "appPort":
    case "dockerfile":
    case "customSnippet":
    case "build":
      return first;
    case "domains":
      return second === undefined || second === "0" ? "primaryDomain" : "aliases";
    case "source":
      return second ? `source.${second}` : "source.url";
    case "env":
      return second === undefined ? "env" : `env.${second}`;
    case "php":
      return second === "ini" || second === "fpmPool" || second === "sessionHandler" ? `php.${second}` : null;
    default:
      return null;
  }
}

function add(errors: FieldErrors, key: string, message: string) {
  (errors[key] ??= []).push(message);
}

/** The same check the server makes, run in the browser first. */
export function validateDraft(draft: SiteDraft): { input: SiteInput | null; errors: FieldErrors } {
  const converted = draftToInput(draft);
  const result = siteInput.safeParse(converted.input);
  if (result.success && Object.keys(converted.errors).length === 0) return { input: result.data, errors: {} };
  const errors: FieldErrors = { ...converted.errors };
  for (const issue of result.error?.issues ?? []) {
    const field = fieldOfPath(issue.path) ?? "";
    // A field whose text did not even parse has its own, more precise message already.
    if (!converted.errors[field]) add(errors, field, describeIssue(issue.path, issue.message, converted.input));
  }
  return { input: null, errors };
}

/** Names the entry a list error is about (the schema's messages say what, not which). */
function describeIssue(path: readonly PropertyKey[], message: string, input: SiteInput): string {
  const [first, index] = path;
  if (first === "domains" && typeof index === "number" && index > 0) return `${input.domains[index] ?? ""}: ${message}`;
  if (first === "sharedPaths" && typeof index === "number") return `${input.sharedPaths[index] ?? ""}: ${message}`;
  if (first === "php" && path.length > 2) return `${String(path[2])}: ${message}`;
  return message;
}

/** Server messages by field: zod's lines "path: message", plus the domain refusals that name a field in words. */
export function serverErrors(message: string, pathPrefix: string[] = [], primaryDomain = ""): FieldErrors {
  const errors: FieldErrors = {};
  for (const line of message.split("\n")) {
    const match = /^([A-Za-z0-9_.]+): (.+)$/.exec(line);
    let path = match?.[1]?.split(".");
    if (path && pathPrefix.every((p, i) => path?.[i] === p)) path = path.slice(pathPrefix.length);
    const field = match && path ? fieldOfPath(path.map((p) => (/^\d+$/.test(p) ? Number(p) : p))) : null;
    if (field && match?.[2]) add(errors, field, match[2]);
    else if (/already belongs to site/.test(line)) {
      // One sentence per taken domain: each goes under the field that holds it.
      for (const sentence of line.split(/(?<=\.) (?=\S+ already belongs)/)) add(errors, primaryDomain && sentence.startsWith(`${primaryDomain.trim().toLowerCase()} `) ? "primaryDomain" : "aliases", sentence);
    } else if (/^A site named/.test(line) || /name cannot change/.test(line)) add(errors, "name", line);
    else if (/deploy key/i.test(line)) add(errors, "source.keyId", line);
    else add(errors, "", line);
  }
  return errors;
}

/** What `sites.get` / `sites.list` return, as far as the form needs it. */
export interface SiteShape {
  name: string;
  domains: string[];
  stack: Stack;
  source: { url: string; revision: string; keyId: string | null; submodules: boolean };
  build: { mode: BuildMode; command: string[] | null };
  webRoot: string;
  env: { name: string; value: string | null; secret: boolean }[];
  sharedPaths: string[];
  healthPath: string;
  php: { ini: Record<string, string>; fpmPool: Record<string, string>; sessionHandler: SessionHandler };
  appPort: number | null;
  dockerfile: string | null;
  customSnippet: string | null;
}

export function siteToDraft(site: SiteShape): SiteDraft {
  const command = site.build.command;
  const simple = command?.every((a) => a.length > 0 && !/\s/.test(a)) ?? false;
  return {
    name: site.name,
    primaryDomain: site.domains[0] ?? "",
    aliases: site.domains.slice(1).join("\n"),
    stack: site.stack,
    url: site.source.url,
    revision: site.source.revision,
    keyId: site.source.keyId ?? "",
    submodules: site.source.submodules,
    buildMode: site.build.mode,
    buildCommand: command ? (simple ? command.join(" ") : JSON.stringify(command)) : "",
    webRoot: site.webRoot,
    sharedPaths: site.sharedPaths.join("\n"),
    healthPath: site.healthPath,
    env: site.env.map((e) => ({ name: e.name, value: e.value ?? "", secret: e.secret, stored: e.secret && e.value === null })),
    phpIni: Object.entries(site.php.ini)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
    fpmPool: site.php.fpmPool,
    sessionHandler: site.php.sessionHandler,
    appPort: site.appPort === null ? "" : String(site.appPort),
    dockerfile: site.dockerfile ?? "Dockerfile",
    customSnippet: site.customSnippet ?? "",
  };
}
