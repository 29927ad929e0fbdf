/** The task form's editable text, and its translation to the API's input. */
export interface CheckoutDraft {
  url: string;
  revision: string;
  keyId: string;
  mountName: string;
  submodules: boolean;
}

export interface TaskDraft {
  name: string;
  image: string;
  /** One argument per line; with `shell`, the whole text is one `sh -c` script. */
  command: string;
  shell: boolean;
  env: string;
  workingDir: string;
  timeoutMinutes: string;
  checkouts: CheckoutDraft[];
  /** Mount name of the checkout whose Dockerfile builds `image`; empty: use an existing image. */
  buildRepo: string;
  buildDockerfile: string;
}

export const emptyCheckout: CheckoutDraft = { url: "", revision: "main", keyId: "", mountName: "", submodules: false };

export const emptyTask: TaskDraft = { name: "", image: "", command: "", shell: true, env: "", workingDir: "", timeoutMinutes: "60", checkouts: [], buildRepo: "", buildDockerfile: "Dockerfile" };

export function draftToInput(draft: TaskDraft) {
  const env: Record<string, string> = {};
  for (const line of draft.env.split("\n")) {
    const eq = line.indexOf("=");
    if (line.trim() && eq > 0) env[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return {
    name: draft.name,
    image: draft.image,
    build: draft.buildRepo ? { repo: draft.buildRepo, dockerfile: draft.buildDockerfile || "Dockerfile" } : null,
    command: draft.shell ? ["sh", "-c", draft.command] : draft.command.split("\n").filter((l) => l.length > 0),
    env,
    workingDir: draft.workingDir.trim() || null,
    timeoutSeconds: Math.round(Number(draft.timeoutMinutes || "60") * 60),
    checkouts: draft.checkouts.map((c) => ({
      url: c.url,
      revision: c.revision,
      keyId: c.keyId || null,
      mountName: c.mountName.trim() || undefined,
      submodules: c.submodules,
    })),
  };
}

export interface TaskShape {
  name: string;
  image: string;
  build: { repo: string; dockerfile: string } | null;
  command: string[];
  env: Record<string, string>;
  workingDir: string | null;
  timeoutSeconds: number;
  checkouts: { url: string; revision: string; keyId: string | null; mountName: string; submodules: boolean }[];
}

export function taskToDraft(task: TaskShape): TaskDraft {
  const shell = task.command.length === 3 && task.command[0] === "sh" && task.command[1] === "-c";
  return {
    name: task.name,
    image: task.image,
    command: shell ? (task.command[2] ?? "") : task.command.join("\n"),
    shell,
    env: Object.entries(task.env)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
    workingDir: task.workingDir ?? "",
    timeoutMinutes: String(task.timeoutSeconds / 60),
    checkouts: task.checkouts.map((c) => ({ url: c.url, revision: c.revision, keyId: c.keyId ?? "", mountName: c.mountName, submodules: c.submodules })),
    buildRepo: task.build?.repo ?? "",
    buildDockerfile: task.build?.dockerfile ?? "Dockerfile",
  };
}
