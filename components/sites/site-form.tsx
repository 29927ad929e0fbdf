"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { AlertIcon } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc";
import { EnvFields } from "./env-fields";
import { Field, FieldMessages, invalid, labelClass, Section, Select, TextArea } from "./form-bits";
import { PhpFields } from "./php-fields";
import { emptySite, parseBuildCommand, serverErrors, validateDraft, type BuildMode, type FieldErrors, type SiteDraft } from "./site-form-state";
import { PHP_STACKS } from "./site-labels";
import { StackPicker } from "./stack-picker";

const BUILD_MODES: { mode: BuildMode; label: string; description: string }[] = [
  { mode: "auto", label: "Automatic", description: "composer install when there is a composer.json; npm run build when package.json has a build script." },
  { mode: "none", label: "None", description: "Publish the checkout as it is." },
  { mode: "custom", label: "Custom command", description: "Runs in a build container on the checkout." },
];

function merge(a: FieldErrors, b: FieldErrors): FieldErrors {
  const out: FieldErrors = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = [...(out[k] ?? []), ...v];
  return out;
}

/** Create a site, or edit one (`siteId` + `initial`). Checked in the browser with the server's own schema before it is sent. */
export function SiteForm({ siteId, initial, onSaved, onCancel }: { siteId?: string; initial?: SiteDraft; onSaved: (site: { id: string }) => void; onCancel?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.keys.list.queryOptions());
  const [draft, setDraft] = useState<SiteDraft>(initial ?? emptySite);
  const [attempted, setAttempted] = useState(false);
  const [fromServer, setFromServer] = useState<FieldErrors>({});
  const set = (patch: Partial<SiteDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setFromServer({});
  };
  const saved = (site: { id: string }) => {
    void queryClient.invalidateQueries(trpc.sites.pathFilter());
    onSaved(site);
  };
  const form = useRef<HTMLFormElement>(null);
  // The form is long: bring the first problem into view (after React has drawn it).
  const showFirstProblem = () =>
    requestAnimationFrame(() => form.current?.querySelector("[data-testid^='error-'], [role='alert']")?.scrollIntoView({ behavior: "smooth", block: "center" }));
  const failed = (error: { message: string }) => {
    setFromServer(serverErrors(error.message, siteId ? ["site"] : [], draft.primaryDomain));
    showFirstProblem();
  };
  const create = useMutation(trpc.sites.create.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.sites.update.mutationOptions({ onSuccess: saved }));
  const pending = create.isPending || update.isPending;

  const errors = merge(attempted ? validateDraft(draft).errors : {}, fromServer);
  const fieldErrorCount = Object.entries(errors).filter(([k]) => k !== "").length;
  const isPhp = PHP_STACKS.includes(draft.stack);
  const isDockerfile = draft.stack === "dockerfile";
  const buildPreview = draft.buildMode === "custom" ? parseBuildCommand(draft.buildCommand).argv : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setFromServer({});
    const { input } = validateDraft(draft);
    if (!input) {
      showFirstProblem();
      return;
    }
    if (siteId) update.mutate({ siteId, site: input }, { onError: failed });
    else create.mutate(input, { onError: failed });
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="space-y-6" data-testid="site-form">
      {(fieldErrorCount > 0 || errors[""]) && (
        <div className="space-y-2">
          {fieldErrorCount > 0 && <ErrorText>{`Fix the ${fieldErrorCount === 1 ? "field" : `${fieldErrorCount} fields`} marked in red below, then save again.`}</ErrorText>}
          {errors[""]?.map((m, i) => (
            <ErrorText key={i}>{m}</ErrorText>
          ))}
        </div>
      )}

      <Section id="site-identity" title="Site" description="The first domain is the primary one; aliases answer with the same site.">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Name"
            id="site-name"
            placeholder="e.g. shop"
            autoComplete="off"
            value={draft.name}
            disabled={siteId !== undefined}
            hint={siteId ? "A site's name cannot change: it names its folder and containers." : "Lower-case letters, digits and '-'; it names the site's folder and containers."}
            onChange={(e) => set({ name: e.target.value })}
            errors={errors.name}
          />
          <Field
            label="Primary domain"
            id="site-domain"
            placeholder="www.example.com"
            autoComplete="off"
            value={draft.primaryDomain}
            onChange={(e) => set({ primaryDomain: e.target.value })}
            errors={errors.primaryDomain}
          />
        </div>
        <TextArea
          label="Aliases (one per line, optional)"
          id="site-aliases"
          rows={2}
          placeholder={"example.com\n*.example.com"}
          value={draft.aliases}
          onChange={(e) => set({ aliases: e.target.value })}
          errors={errors.aliases}
        />
      </Section>

      <Section id="site-stack" title="Stack" description="What serves the site behind the shared front server.">
        <StackPicker value={draft.stack} onChange={(stack) => set({ stack })} errors={errors.stack} />
      </Section>

      <Section id="site-source" title="Source" description="Each deploy checks the repository out over SSH.">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="SSH URL"
            id="site-url"
            placeholder="ssh://git@git.example.com/team/shop.git"
            autoComplete="off"
            value={draft.url}
            onChange={(e) => set({ url: e.target.value })}
            wrapperClassName="sm:col-span-2"
            errors={errors["source.url"]}
          />
          <Field
            label="Branch, tag or full sha"
            id="site-revision"
            value={draft.revision}
            onChange={(e) => set({ revision: e.target.value })}
            hint="A branch deploys its latest commit each time; a sha always the same one."
            errors={errors["source.revision"]}
          />
          <div>
            <Select label="Deploy key" id="site-key" value={draft.keyId} onChange={(e) => set({ keyId: e.target.value })} errors={errors["source.keyId"]}>
              <option value="">none (public repository)</option>
              {keys.data?.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name}
                </option>
              ))}
            </Select>
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              {keys.data?.length === 0 ? "No deploy keys yet. " : ""}
              <Link href="/keys" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                Create a deploy key
              </Link>{" "}
              and add its public half to the repository (read-only).
            </p>
          </div>
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" checked={draft.submodules} onChange={(e) => set({ submodules: e.target.checked })} />
            Include submodules
          </label>
        </div>
      </Section>

      <Section id="site-build" title="Build and release" description="Every deploy builds a new release next to the live one and switches only when it answers its health check.">
        <div role="radiogroup" aria-label="Build" className="grid gap-2 sm:grid-cols-3">
          {BUILD_MODES.map((b) => (
            <label
              key={b.mode}
              className={`flex cursor-pointer gap-2 rounded-md border p-3 text-sm ${
                draft.buildMode === b.mode ? "border-indigo-500 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950/60" : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800/60"
              }`}
            >
              <input type="radio" name="build-mode" className="mt-0.5 accent-indigo-600" checked={draft.buildMode === b.mode} onChange={() => set({ buildMode: b.mode })} />
              <span>
                <span className="block font-medium">{b.label}</span>
                <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">{b.description}</span>
              </span>
            </label>
          ))}
        </div>
        {draft.buildMode === "custom" && (
          <TextArea
            label="Build command"
            id="site-build-command"
            rows={2}
            placeholder={'["sh", "-c", "npm ci && npm run build"]   or   npm run build'}
            value={draft.buildCommand}
            onChange={(e) => set({ buildCommand: e.target.value })}
            errors={errors.build}
            hint={
              <>
                A JSON array of arguments, or one command line that is split on spaces (no quotes, no shell: use{" "}
                <code className="font-mono">[&quot;sh&quot;, &quot;-c&quot;, &quot;…&quot;]</code> for pipes and &amp;&amp;).
                {buildPreview && <span className="mt-0.5 block font-mono text-slate-600 dark:text-slate-300">runs: {JSON.stringify(buildPreview)}</span>}
              </>
            }
          />
        )}
        {draft.buildMode !== "custom" && <FieldMessages id="site-build-mode" messages={errors.build} />}
        <div className="grid gap-4 sm:grid-cols-2">
          {!isDockerfile && (
            <Field
              label="Web root"
              id="site-webroot"
              placeholder="e.g. public (empty: the repository's top)"
              value={draft.webRoot}
              onChange={(e) => set({ webRoot: e.target.value })}
              hint="Relative to the release: the folder the server serves."
              errors={errors.webRoot}
            />
          )}
          <Field
            label="Health-check path"
            id="site-health"
            placeholder="/"
            value={draft.healthPath}
            onChange={(e) => set({ healthPath: e.target.value })}
            hint="Asked through the front server before a release goes live; it must answer 2xx or 3xx."
            errors={errors.healthPath}
          />
          <div className="sm:col-span-2">
            <TextArea
              label="Shared paths (one per line)"
              id="site-shared"
              rows={3}
              placeholder={"storage/\n.env\npublic/uploads/"}
              value={draft.sharedPaths}
              onChange={(e) => set({ sharedPaths: e.target.value })}
              errors={errors.sharedPaths}
              hint="Kept across releases (uploads, caches, config). A trailing / marks a folder; without it the path is a file."
            />
          </div>
        </div>
      </Section>

      {isDockerfile && (
        <Section id="site-container" title="Container" description="The image is built from your Dockerfile; the front server proxies to the port the app listens on.">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="App port"
              id="site-app-port"
              inputMode="numeric"
              placeholder="e.g. 8080"
              value={draft.appPort}
              onChange={(e) => set({ appPort: e.target.value })}
              errors={errors.appPort}
            />
            <Field
              label="Dockerfile path"
              id="site-dockerfile"
              placeholder="Dockerfile"
              value={draft.dockerfile}
              onChange={(e) => set({ dockerfile: e.target.value })}
              hint="Relative to the repository."
              errors={errors.dockerfile}
            />
          </div>
        </Section>
      )}

      {isPhp && (
        <Section id="site-php" title="PHP">
          <PhpFields draft={draft} stack={draft.stack} errors={errors} set={set} />
        </Section>
      )}

      <Section id="site-env" title="Environment variables" description="Given to the site's containers; builds get only the non-secret ones.">
        <EnvFields value={draft.env} onChange={(env) => set({ env })} errors={errors} />
      </Section>

      <Section id="site-front" title="Front server">
        <div>
          <label htmlFor="site-snippet" className={labelClass}>
            Custom nginx snippet (optional)
          </label>
          <p className="mt-1 flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200">
            <AlertIcon width={16} height={16} className="mt-px shrink-0" />
            Added inside this site&apos;s server block. A mistake never takes the other sites down: this site is quarantined on its last good config until you fix it here.
          </p>
          <textarea
            id="site-snippet"
            rows={5}
            spellCheck={false}
            placeholder={"location /downloads/ {\n    autoindex on;\n}"}
            value={draft.customSnippet}
            onChange={(e) => set({ customSnippet: e.target.value })}
            {...invalid("site-snippet", errors.customSnippet)}
            className="mt-2 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 dark:border-slate-700 dark:bg-slate-950"
          />
          <FieldMessages id="site-snippet" messages={errors.customSnippet} />
        </div>
      </Section>

      <div className="flex gap-2 border-t border-slate-200 pt-5 dark:border-slate-800">
        <Button type="submit" disabled={pending} data-testid="site-save">
          {pending ? "Saving…" : siteId ? "Save changes" : "Create site"}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
