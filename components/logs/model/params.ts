// Numeric parameters of a control sequence, with colon sub-parameters (`38:2::255:0:0`), kept the way
// xterm.js keeps them: zero-default, at most 32 parameters and 32 sub-parameters, values capped.

const MAX_PARAMS = 32;
const MAX_SUB_PARAMS = 32;
const MAX_VALUE = 0x7fffffff;

export class Params {
  readonly values = new Int32Array(MAX_PARAMS);
  length = 0;
  private readonly subValues = new Int32Array(MAX_SUB_PARAMS);
  /** Per parameter: its sub-parameters as start << 8 | end in subValues. */
  private readonly subRange = new Uint16Array(MAX_PARAMS);
  private subLength = 0;
  private rejectDigits = false;
  private rejectSubDigits = false;
  private digitIsSub = false;

  /** Back to one parameter of 0 ("zero default mode"), as at the start of every sequence. */
  reset(): void {
    this.length = 0;
    this.subLength = 0;
    this.rejectDigits = false;
    this.rejectSubDigits = false;
    this.digitIsSub = false;
    this.addParam();
  }

  addParam(): void {
    this.digitIsSub = false;
    if (this.length >= MAX_PARAMS) {
      this.rejectDigits = true;
      return;
    }
    this.subRange[this.length] = (this.subLength << 8) | this.subLength;
    this.values[this.length++] = 0;
  }

  addSubParam(): void {
    this.digitIsSub = true;
    if (!this.length) return;
    if (this.rejectDigits || this.subLength >= MAX_SUB_PARAMS) {
      this.rejectSubDigits = true;
      return;
    }
    this.subValues[this.subLength++] = -1;
    this.subRange[this.length - 1] = (this.subRange[this.length - 1] ?? 0) + 1;
  }

  addDigit(digit: number): void {
    if (this.rejectDigits || (this.digitIsSub && this.rejectSubDigits)) return;
    const store = this.digitIsSub ? this.subValues : this.values;
    const index = (this.digitIsSub ? this.subLength : this.length) - 1;
    if (index < 0) return;
    const current = store[index] ?? 0;
    store[index] = current === -1 ? digit : Math.min(current * 10 + digit, MAX_VALUE);
  }

  /** Parameter i, or 0 when absent. */
  at(i: number): number {
    return i < this.length ? (this.values[i] ?? 0) : 0;
  }

  hasSub(i: number): boolean {
    const range = this.subRange[i] ?? 0;
    return (range & 0xff) > range >> 8;
  }

  /** Sub-parameters of parameter i (-1 for an empty one). */
  sub(i: number): Int32Array {
    const range = this.subRange[i] ?? 0;
    return this.subValues.subarray(range >> 8, range & 0xff);
  }
}
