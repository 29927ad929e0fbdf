// The DEC/ANSI escape sequence state machine (Paul Williams' VT500 parser) over UTF-16 text, with the
// very transition table xterm.js uses, so every sequence, valid or broken, is consumed exactly as the
// terminal consumes it. Runs of printable text are handed on as ranges of the input string, never
// character by character. OSC, DCS, SOS/PM/APC strings are consumed and ignored.

import { Params } from "./params";

export interface ParserSink {
  /** Printable text s[start, end). `narrow` is true when every unit is below U+0300 (one cell each). */
  print(s: string, start: number, end: number, narrow: boolean): void;
  /** A C0 or C1 control (LF, CR, BS, HT, …). */
  execute(code: number): void;
  /** CSI: `collect` packs the prefix (`?`, `>`…) and intermediates as bytes, high to low. */
  csi(final: number, collect: number, params: Params): void;
  esc(final: number, collect: number): void;
  /** An OSC or DCS string ended (it breaks a grapheme, like any control). */
  stringEnd(): void;
}

const enum State {
  Ground, Escape, EscapeIntermediate, CsiEntry, CsiParam, CsiIntermediate, CsiIgnore,
  SosPmApcString, OscString, DcsEntry, DcsParam, DcsIgnore, DcsIntermediate, DcsPassthrough,
}

const enum Action {
  Ignore, Error, Print, Execute, OscStart, OscPut, OscEnd, CsiDispatch, Param, Collect, EscDispatch,
  Clear, DcsHook, DcsPut, DcsUnhook,
}

const NON_ASCII = 0xa0;

/** table[state << 8 | min(code, 0xa0)] = action << 4 | next state; built as xterm builds VT500_TRANSITION_TABLE. */
const TABLE = (() => {
  const table = new Uint8Array(14 << 8).fill((Action.Error << 4) | State.Ground);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  const add = (codes: number[], state: State, action: Action, next: State) => {
    for (const code of codes) table[(state << 8) | code] = (action << 4) | next;
  };
  const printables = range(0x20, 0x7f);
  const executables = [...range(0x00, 0x18), 0x19, ...range(0x1c, 0x20)];
  add(printables, State.Ground, Action.Print, State.Ground);
  for (let state = State.Ground; state <= State.DcsPassthrough; state++) {
    add([0x18, 0x1a, 0x99, 0x9a, ...range(0x80, 0x98)], state, Action.Execute, State.Ground);
    add([0x9c], state, Action.Ignore, State.Ground);
    add([0x1b], state, Action.Clear, State.Escape);
    add([0x9d], state, Action.OscStart, State.OscString);
    add([0x98, 0x9e, 0x9f], state, Action.Ignore, State.SosPmApcString);
    add([0x9b], state, Action.Clear, State.CsiEntry);
    add([0x90], state, Action.Clear, State.DcsEntry);
  }
  add(executables, State.Ground, Action.Execute, State.Ground);
  for (const state of [State.Escape, State.CsiEntry, State.CsiParam, State.CsiIntermediate, State.EscapeIntermediate]) {
    add(executables, state, Action.Execute, state);
    add([0x7f], state, Action.Ignore, state);
  }
  add(executables, State.CsiIgnore, Action.Execute, State.CsiIgnore);
  add(executables, State.OscString, Action.Ignore, State.OscString);
  add([0x5d], State.Escape, Action.OscStart, State.OscString);
  add([...printables, 0x7f, NON_ASCII], State.OscString, Action.OscPut, State.OscString);
  add([0x9c, 0x18, 0x1a, 0x07], State.OscString, Action.OscEnd, State.Ground);
  add([0x1b], State.OscString, Action.OscEnd, State.Escape);
  add(range(0x1c, 0x20), State.OscString, Action.Ignore, State.OscString);
  add([0x58, 0x5e, 0x5f], State.Escape, Action.Ignore, State.SosPmApcString);
  add([...printables, ...executables, 0x7f], State.SosPmApcString, Action.Ignore, State.SosPmApcString);
  add([0x9c], State.SosPmApcString, Action.Ignore, State.Ground);
  add([0x5b], State.Escape, Action.Clear, State.CsiEntry);
  add(range(0x40, 0x7f), State.CsiEntry, Action.CsiDispatch, State.Ground);
  add(range(0x30, 0x3c), State.CsiEntry, Action.Param, State.CsiParam);
  add([0x3c, 0x3d, 0x3e, 0x3f], State.CsiEntry, Action.Collect, State.CsiParam);
  add(range(0x30, 0x3c), State.CsiParam, Action.Param, State.CsiParam);
  add(range(0x40, 0x7f), State.CsiParam, Action.CsiDispatch, State.Ground);
  add([0x3c, 0x3d, 0x3e, 0x3f], State.CsiParam, Action.Ignore, State.CsiIgnore);
  add([...range(0x20, 0x40), 0x7f, NON_ASCII], State.CsiIgnore, Action.Ignore, State.CsiIgnore);
  add(range(0x40, 0x7f), State.CsiIgnore, Action.Ignore, State.Ground);
  add(range(0x20, 0x30), State.CsiEntry, Action.Collect, State.CsiIntermediate);
  add(range(0x20, 0x30), State.CsiIntermediate, Action.Collect, State.CsiIntermediate);
  add(range(0x30, 0x40), State.CsiIntermediate, Action.Ignore, State.CsiIgnore);
  add(range(0x40, 0x7f), State.CsiIntermediate, Action.CsiDispatch, State.Ground);
  add(range(0x20, 0x30), State.CsiParam, Action.Collect, State.CsiIntermediate);
  add(range(0x20, 0x30), State.Escape, Action.Collect, State.EscapeIntermediate);
  add(range(0x20, 0x30), State.EscapeIntermediate, Action.Collect, State.EscapeIntermediate);
  add(range(0x30, 0x7f), State.EscapeIntermediate, Action.EscDispatch, State.Ground);
  add([...range(0x30, 0x50), ...range(0x51, 0x58), 0x59, 0x5a, 0x5c, ...range(0x60, 0x7f)], State.Escape, Action.EscDispatch, State.Ground);
  add([0x50], State.Escape, Action.Clear, State.DcsEntry);
  for (const state of [State.DcsEntry, State.DcsParam, State.DcsIntermediate, State.DcsIgnore]) {
    add([...executables, 0x7f, ...range(0x1c, 0x20)], state, Action.Ignore, state);
  }
  add(range(0x20, 0x30), State.DcsEntry, Action.Collect, State.DcsIntermediate);
  add(range(0x30, 0x3c), State.DcsEntry, Action.Param, State.DcsParam);
  add([0x3c, 0x3d, 0x3e, 0x3f], State.DcsEntry, Action.Collect, State.DcsParam);
  add([...range(0x20, 0x80), NON_ASCII], State.DcsIgnore, Action.Ignore, State.DcsIgnore);
  add(range(0x30, 0x3c), State.DcsParam, Action.Param, State.DcsParam);
  add([0x3c, 0x3d, 0x3e, 0x3f], State.DcsParam, Action.Ignore, State.DcsIgnore);
  add(range(0x20, 0x30), State.DcsParam, Action.Collect, State.DcsIntermediate);
  add(range(0x20, 0x30), State.DcsIntermediate, Action.Collect, State.DcsIntermediate);
  add(range(0x30, 0x40), State.DcsIntermediate, Action.Ignore, State.DcsIgnore);
  for (const state of [State.DcsIntermediate, State.DcsParam, State.DcsEntry]) {
    add(range(0x40, 0x7f), state, Action.DcsHook, State.DcsPassthrough);
  }
  add([...executables, ...printables, NON_ASCII], State.DcsPassthrough, Action.DcsPut, State.DcsPassthrough);
  add([0x7f], State.DcsPassthrough, Action.Ignore, State.DcsPassthrough);
  add([0x9c, 0x18, 0x1a], State.DcsPassthrough, Action.DcsUnhook, State.Ground);
  add([0x1b], State.DcsPassthrough, Action.DcsUnhook, State.Escape);
  add([NON_ASCII], State.Ground, Action.Print, State.Ground);
  return table;
})();

/** Units scanned by a plain loop before a run is deemed long and handed to a regular expression. */
const SHORT_RUN = 16;
/** The first control (C0, DEL, C1): the end of a printable run. */
const RUN_END = /[\x00-\x1f\x7f-\x9f]/g;
/** The first unit that is a control or possibly not one cell wide. */
const RUN_END_OR_WIDE = /[^\x20-\x7e\xa0-\u02ff]/g;

function search(re: RegExp, s: string, from: number): number {
  re.lastIndex = from;
  return re.test(s) ? re.lastIndex - 1 : s.length;
}

/**
 * End of the printable run starting at `start` (0x20–0x7e and anything from 0xa0 up), packed as
 * end << 1 | narrow (strings are shorter than 2^29), where narrow means every unit is below U+0300. Short runs, the common case in
 * coloured output, are scanned in a loop; long ones by native regular expressions, several times faster.
 */
function printableEnd(s: string, start: number): number {
  const n = s.length;
  let narrow = s.charCodeAt(start) < 0x300;
  const loopEnd = Math.min(n, start + SHORT_RUN);
  let j = start + 1;
  for (; j < loopEnd; j++) {
    const code = s.charCodeAt(j);
    if (code < 0x7f) {
      if (code < 0x20) return (j << 1) | (narrow ? 1 : 0);
    } else if (code < NON_ASCII) return (j << 1) | (narrow ? 1 : 0);
    else if (code >= 0x300) narrow = false;
  }
  if (j >= n) return (n << 1) | (narrow ? 1 : 0);
  if (narrow) {
    j = search(RUN_END_OR_WIDE, s, j);
    const code = s.charCodeAt(j);
    if (j >= n || code < 0x20 || (code >= 0x7f && code < NON_ASCII)) return (j << 1) | 1;
  }
  return search(RUN_END, s, j) << 1;
}

export class Parser {
  private state = State.Ground;
  private collect = 0;
  private readonly params = new Params();

  constructor(private readonly sink: ParserSink) {
    this.params.reset();
  }

  parse(s: string): void {
    const sink = this.sink;
    const n = s.length;
    let state = this.state;
    for (let i = 0; i < n; i++) {
      let code = s.charCodeAt(i);
      const transition = TABLE[(state << 8) | (code < NON_ASCII ? code : NON_ASCII)] ?? 0;
      const next = transition & 15;
      switch (transition >> 4) {
        case Action.Print: {
          const end = printableEnd(s, i);
          sink.print(s, i, end >> 1, (end & 1) === 1);
          i = (end >> 1) - 1;
          break;
        }
        case Action.Execute:
          sink.execute(code);
          break;
        case Action.Error:
          // xterm parses code points: a whole astral character is dropped, not half of it.
          if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
            const low = s.charCodeAt(i + 1);
            if (low >= 0xdc00 && low <= 0xdfff) i++;
          }
          break;
        case Action.CsiDispatch:
          sink.csi(code, this.collect, this.params);
          break;
        case Action.Param:
          do {
            if (code === 0x3b) this.params.addParam();
            else if (code === 0x3a) this.params.addSubParam();
            else this.params.addDigit(code - 0x30);
          } while (++i < n && (code = s.charCodeAt(i)) > 0x2f && code < 0x3c);
          i--;
          break;
        case Action.Collect:
          this.collect = (this.collect << 8) | code;
          break;
        case Action.EscDispatch:
          sink.esc(code, this.collect);
          break;
        case Action.Clear:
          this.params.reset();
          this.collect = 0;
          break;
        case Action.OscPut:
        case Action.DcsPut:
          // Skip the string's body up to a possible terminator.
          while (i + 1 < n && ((code = s.charCodeAt(i + 1)) >= NON_ASCII || (code > 0x1f && code < 0x80))) i++;
          break;
        case Action.OscEnd:
        case Action.DcsUnhook:
          this.params.reset();
          this.collect = 0;
          sink.stringEnd();
          break;
        default:
          break;
      }
      state = next;
    }
    this.state = state;
  }
}
