// Task functions for the pool tests: one that answers, one that blocks its thread for good (what no in-thread timer can stop).
export function double(x: number): number {
  return 2 * x;
}

export function spinForever(): never {
  for (;;) {
    // busy: the worker's event loop never runs again
  }
}
