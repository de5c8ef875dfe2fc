/**
 * Runs at most `max` tasks at once. Walking a big tree fires thousands of reads; unbounded they
 * exhaust file descriptors (EMFILE) and thrash the disk, so every file-system call goes through one.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
