// A worker pool (piscina) that runs exported functions of our modules in worker threads, one WASM ngspice engine per worker.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Task } from './taskWorker.ts';

/** Number of workers when the user does not say: every core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * `workers` threads, each importing the task modules once and keeping its own engine (a thread's WASM ngspice serves
 * every simulation of the tasks it runs). Results must not depend on which worker runs a task: tasks carry their seeds.
 */
export class TaskPool {
  private readonly pool: Piscina;

  constructor(readonly workers = defaultWorkers()) {
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);
    this.pool = new Piscina({
      filename: new URL('./taskWorkerEntry.mjs', import.meta.url).href,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: Infinity,
      // a worker runs one task at a time: its engine is strictly sequential
      concurrentTasksPerWorker: 1,
    });
  }

  /** Runs `fn` exported by `module` (a URL such as new URL('./x.ts', import.meta.url)) with `args` in a worker. */
  run<T>(module: URL, fn: string, args: readonly unknown[]): Promise<T> {
    const task: Task = { module: module.href, fn, args };
    return this.pool.run(task) as Promise<T>;
  }

  /** Stops every worker (and with it the worker's engine). */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
