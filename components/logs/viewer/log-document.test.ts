import { describe, expect, it } from "vitest";
import { LogDocument, type DocumentChunk } from "./log-document";

const bytes = (text: string) => new TextEncoder().encode(text);
const chunk = (text: string, time: number, stream: DocumentChunk["stream"] = "stdout", cut = false): DocumentChunk => ({ stream, time, bytes: bytes(text), cut });
const texts = (doc: LogDocument) => doc.lines([[0, doc.lineCount]]).map((l) => l.text);

describe("LogDocument", () => {
  it("remembers, per line, the time of the chunk that started it", () => {
    const doc = new LogDocument();
    doc.append(chunk("one\ntw", 1000));
    doc.append(chunk("o\nthree\n", 2000));
    doc.end();
    const lines = doc.lines([[0, 3]]);
    expect(lines.map((l) => [l.text, l.time])).toEqual([
      ["one", 1000],
      ["two", 1000],
      ["three", 2000],
    ]);
    expect(doc.takeNotice()).toMatchObject({ from: 0, startTime: 1000, ended: true });
  });

  it("renders escapes: a progress bar redrawn with CR ends as one line, colours as spans", () => {
    const doc = new LogDocument();
    doc.append(chunk("\x1b[1;32mok\x1b[0m\n[#   ] 25%\r[##  ] 50%", 1));
    doc.append(chunk("\r[####] 100%\n", 2));
    expect(texts(doc).slice(0, 2)).toEqual(["ok", "[####] 100%"]);
    const [ok] = doc.lines([[0, 1]]);
    expect(ok?.spans[0]).toMatchObject({ start: 0, end: 2, fg: 2, flags: 1 });
  });

  it("folds the run engine's ::group:: / ::endgroup:: lines, only from the system stream", () => {
    const doc = new LogDocument();
    doc.append(chunk("::group::Checkout demo\n", 10, "system"));
    doc.append(chunk("cloning\n::group::not ours\n", 20));
    doc.append(chunk("::endgroup::\n\x1b[2m✓ Checkout demo: done (1.0 s)\x1b[0m\n", 30, "system"));
    const notice = doc.takeNotice();
    expect(notice?.groups).toEqual([{ start: 0, end: 3, name: "Checkout demo", depth: 0, startTime: 10, endTime: 30 }]);
    expect(doc.lines([[0, 5]]).map((l) => l.kind)).toEqual(["group", "text", "text", "endgroup", "text"]);
    expect(doc.displayText(0)).toBe("Checkout demo");
    expect(doc.displayText(3)).toBe("");
    // Nothing new about groups: the next notice leaves them out.
    doc.append(chunk("more\n", 40));
    expect(doc.takeNotice()?.groups).toBeNull();
  });

  it("starts Slipway's lines on a line of their own after output with no final newline", () => {
    const doc = new LogDocument();
    doc.append(chunk("::group::step\n", 1, "system"));
    doc.append(chunk("no newline at the end", 2));
    doc.append(chunk("::endgroup::\n", 3, "system"));
    expect(texts(doc).slice(0, 3)).toEqual(["::group::step", "no newline at the end", "::endgroup::"]);
    expect(doc.takeNotice()?.groups).toEqual([{ start: 0, end: 2, name: "step", depth: 0, startTime: 1, endTime: 3 }]);
  });

  it("shows a cut as a notice line of its own, and styles start afresh after it", () => {
    const doc = new LogDocument();
    doc.append(chunk("\x1b[31mred and cut mid-li", 1));
    doc.append(chunk("\r\n✂ … 5000 bytes cut (the run's log was over its size limit) …\r\n", 2, "system", true));
    doc.append(chunk("ne\n", 3));
    const lines = doc.lines([[0, 3]]);
    expect(lines.map((l) => [l.text, l.kind])).toEqual([
      ["red and cut mid-li", "text"],
      ["✂ … 5000 bytes cut (the run's log was over its size limit) …", "cut"],
      ["ne", "text"],
    ]);
    expect(lines[2]?.spans[0]?.fg).toBe(-1);
  });

  it("keeps its search up to date as lines arrive and headers are named", () => {
    const doc = new LogDocument();
    doc.append(chunk("::group::Build app\n", 1, "system"));
    doc.append(chunk("count 1\n", 2));
    doc.search.start("build");
    doc.search.step(doc.lineCount);
    expect(Array.from(doc.search.takeNotice(doc.lineCount)?.matches ?? [])).toEqual([0]);
    doc.append(chunk("building count 2\n", 3));
    doc.search.step(doc.lineCount);
    const notice = doc.search.takeNotice(doc.lineCount);
    expect(notice?.from).toBeLessThanOrEqual(2);
    expect(Array.from(notice?.matches ?? [])).toEqual([2]);
  });

  it("gives the whole log as plain text", () => {
    const doc = new LogDocument();
    doc.append(chunk("a\x1b[1mb\x1b[0m\nc\n", 1));
    doc.end();
    expect(doc.plainText()).toBe("ab\nc\n");
  });
});
