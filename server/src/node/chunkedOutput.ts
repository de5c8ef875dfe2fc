/**
 * Where a report or a cache file is written: in chunks, never one giant string, so hundreds of thousands of
 * findings, or the facts of a 50k-file tree, cost memory for one chunk, not for the whole text.
 */
export interface Output {
  write(text: string): void;
}

/** Buffers small writes into chunks of about `size` characters before handing them on. */
export class ChunkedOutput implements Output {
  #parts: string[] = [];
  #length = 0;

  constructor(readonly sink: (chunk: string) => void, readonly size = 64 * 1024) {}

  write(text: string): void {
    this.#parts.push(text);
    this.#length += text.length;
    if (this.#length >= this.size) this.flush();
  }

  flush(): void {
    if (this.#length === 0) return;
    this.sink(this.#parts.join(''));
    this.#parts = [];
    this.#length = 0;
  }
}
