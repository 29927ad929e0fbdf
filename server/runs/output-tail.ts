/** The last bytes of a step's output as text, for error classification and marker lines. */
export class OutputTail {
  private text = "";
  constructor(private readonly limit = 64 * 1024) {}

  push(data: Uint8Array): void {
    this.text += Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
    if (this.text.length > this.limit * 2) this.text = this.text.slice(-this.limit);
  }

  toString(): string {
    return this.text.slice(-this.limit);
  }

  /** Values of lines "::<name>:: value" (checkout markers), in order. */
  markers(name: string): string[] {
    const prefix = `::${name}:: `;
    return this.text
      .split(/\r?\n/)
      .filter((line) => line.startsWith(prefix))
      .map((line) => line.slice(prefix.length).trim());
  }
}
