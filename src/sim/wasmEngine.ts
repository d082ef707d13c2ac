// The embedded engine: one WASM ngspice in a worker thread, runs queued, a timeout on each run that replaces the worker.
import { Worker } from 'node:worker_threads';
import { SimulationTimeoutError } from '../errors.ts';
import type { WorkerReply } from './wasmWorker.ts';

const BOOTSTRAP = new URL('./workerBootstrap.mjs', import.meta.url);
const ENTRY = new URL('./wasmWorker.ts', import.meta.url).href;

/** One WASM ngspice engine. Runs are strictly sequential; a timed-out run kills the worker and a fresh one takes over. */
export class WasmEngine {
  private worker: Worker | undefined;
  private nextId = 1;
  private tail: Promise<unknown> = Promise.resolve();
  private pending = new Map<number, (r: WorkerReply) => void>();

  private spawn(): Worker {
    const w = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY } });
    w.on('message', (reply: WorkerReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    w.on('error', (e) => {
      for (const [id, resolve] of this.pending) resolve({ id, messages: [`Error: engine worker crashed: ${e.message}`], info: '', ok: false });
      this.pending.clear();
      if (this.worker === w) this.worker = undefined;
    });
    // after the listeners: adding a 'message' listener refs the worker's port again. A run in flight holds the process
    // open through its timeout timer; an idle engine does not.
    w.unref();
    return w;
  }

  /** Run one deck; resolves with the raw reply (errors are classified by the caller). */
  run(deck: string, timeoutMs: number): Promise<WorkerReply> {
    const job = this.tail.then(() => this.runNow(deck, timeoutMs));
    this.tail = job.catch(() => undefined);
    return job;
  }

  private runNow(deck: string, timeoutMs: number): Promise<WorkerReply> {
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        reject(new SimulationTimeoutError(timeoutMs / 1000));
      }, timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      worker.postMessage({ id, deck });
    });
  }

  /** Stop the worker (the engine restarts on the next run). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
