// The log viewer's worker: owns the run's LogDocument (parsing, groups, search), so a busy log never
// blocks the page. It tells the main thread what changed, at most every FLUSH_MS, and answers for lines.

import { LogDocument } from "./log-document";
import type { FromWorker, ToWorker } from "./worker-protocol";

/** The part of DedicatedWorkerGlobalScope used here (the webworker lib would clash with the DOM lib). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const FLUSH_MS = 40;
const doc = new LogDocument();
let flushTimer: ReturnType<typeof setTimeout> | null = null;
let searchTimer: ReturnType<typeof setTimeout> | null = null;

function fromBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function flush(): void {
  flushTimer = null;
  const notice = doc.takeNotice();
  if (notice) scope.postMessage(notice);
  searchSoon();
}

function flushSoon(): void {
  flushTimer ??= setTimeout(flush, FLUSH_MS);
}

/** Searches in slices, so line requests are answered in between. */
function searchStep(): void {
  searchTimer = null;
  if (!doc.search.active) return;
  const more = doc.search.step(doc.lineCount);
  const notice = doc.search.takeNotice(doc.lineCount);
  if (notice) scope.postMessage(notice, [notice.matches.buffer]);
  if (more) searchSoon();
}

function searchSoon(): void {
  if (doc.search.active) searchTimer ??= setTimeout(searchStep, 0);
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case "chunk": {
      const bytes = fromBase64(message.data);
      doc.append({ stream: message.stream, time: message.time, cut: message.cut, bytes: message.skip ? bytes.subarray(message.skip) : bytes });
      flushSoon();
      break;
    }
    case "end":
      doc.end();
      flushSoon();
      break;
    case "lines":
      scope.postMessage({ type: "lines", id: message.id, lines: doc.lines(message.ranges) });
      break;
    case "search":
      doc.search.start(message.query);
      searchSoon();
      break;
    case "text":
      scope.postMessage({ type: "text", id: message.id, text: doc.plainText() });
      break;
  }
}

scope.onmessage = (event) => {
  try {
    handle(event.data);
  } catch (error) {
    scope.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};
