// Style runs of one line, kept flat: [start0, style0, start1, style1, …] with starts in UTF-16 offsets,
// ascending; run k covers [start_k, start_{k+1}) and the last one runs to the end of the text.
// No runs at all means the whole text is in the default style (id 0).

export type Runs = number[];

/** The style of `length` more units appended to a text of `textLength` units. */
export function appendRun(runs: Runs, textLength: number, style: number): void {
  const n = runs.length;
  if (n === 0) runs.push(0, style);
  else if (runs[n - 1] !== style) runs.push(textLength, style);
}

/**
 * Runs after text[start, start + removed) of a text `textLength` long is replaced by `inserted`
 * units of `style` (overwrite, erase, delete and insert are all this).
 */
export function spliceRuns(runs: Runs, textLength: number, start: number, removed: number, inserted: number, style: number): Runs {
  if (runs.length === 0 && textLength > 0) runs = [0, 0];
  const out: Runs = [];
  const cut = start + removed;
  const shift = inserted - removed;
  let placed = false;
  for (let k = 0; k < runs.length; k += 2) {
    const from = runs[k] ?? 0;
    const to = k + 2 < runs.length ? (runs[k + 2] ?? 0) : textLength;
    const id = runs[k + 1] ?? 0;
    if (from < start) emit(out, from, Math.min(to, start), id);
    if (!placed && to >= start && (to > start || k + 2 >= runs.length)) {
      emit(out, start, start + inserted, style);
      placed = true;
    }
    if (to > cut) emit(out, Math.max(from, cut) + shift, to + shift, id);
  }
  if (!placed) emit(out, start, start + inserted, style);
  return out.length === 2 && out[1] === 0 ? [] : out;
}

/** Adds run [from, to) of style id to `out`, merged with the run before if it has the same style. */
function emit(out: Runs, from: number, to: number, id: number): void {
  if (to <= from) return;
  if (out.length > 0 && out[out.length - 1] === id) return;
  out.push(from, id);
}

/** Runs cut to the first `length` units. */
export function truncateRuns(runs: Runs, length: number): Runs {
  if (length === 0) return [];
  let n = runs.length;
  while (n > 2 && (runs[n - 2] ?? 0) >= length) n -= 2;
  return n === runs.length ? runs : runs.slice(0, n);
}

/** Style id at offset `at` (the default, 0, past the end). */
export function styleAt(runs: Runs, at: number): number {
  let id = 0;
  for (let k = 0; k < runs.length && (runs[k] ?? 0) <= at; k += 2) id = runs[k + 1] ?? 0;
  return id;
}
