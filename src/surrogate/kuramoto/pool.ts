// Spreads a batch of Kuramoto runs over worker threads (one per core, at most `size`), falling back to the calling thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { computeBatch, jobRows, type KuramotoJob, type KuramotoResult } from './compute.ts';
import type { FrequencyBatch } from './kernel.ts';
import type { KuramotoSettings } from './params.ts';

interface Pending {
  resolve: (r: KuramotoResult) => void;
  reject: (e: Error) => void;
}

/** A fixed set of workers; results do not depend on how many there are (each example carries its own seed). */
export class KuramotoPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** `size` workers (default: one per core); size 1 runs everything in the calling thread. */
  constructor(readonly size = availableParallelism()) {
    if (size > 1) for (let w = 0; w < size; w++) this.workers.push(this.spawn());
  }

  /** Runs a job over the batch, split in contiguous slices, one per worker. */
  async run(input: FrequencyBatch, settings: KuramotoSettings, job: KuramotoJob): Promise<KuramotoResult> {
    const { batch, n } = input;
    if (this.workers.length === 0 || batch < 2) return computeBatch(input, settings, job);
    const parts = Math.min(this.workers.length, batch);
    const R = jobRows(job, n);
    const fbar = new Float64Array(batch * n);
    const jacobian = R > 0 ? new Float64Array(batch * R * n) : null;
    const slices: Promise<void>[] = [];
    for (let p = 0; p < parts; p++) {
      const from = Math.floor((p * batch) / parts);
      const to = Math.floor(((p + 1) * batch) / parts);
      const seeds = Uint32Array.from({ length: to - from }, (_, b) => input.seeds[from + b]);
      const request = { F: input.F.slice(from * n, to * n), batch: to - from, n, seeds, settings, job };
      slices.push(
        this.send(this.workers[p], request).then((r) => {
          fbar.set(r.fbar, from * n);
          if (jacobian && r.jacobian) jacobian.set(r.jacobian, from * R * n);
        }),
      );
    }
    for (const w of this.workers) w.ref();
    try {
      await Promise.all(slices);
    } finally {
      for (const w of this.workers) w.unref();
    }
    return { fbar, jacobian };
  }

  /** Stops the workers (the pool cannot be used afterwards). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }

  private send(worker: Worker, request: object): Promise<KuramotoResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...request });
    });
  }

  private spawn(): Worker {
    const target = new URL('./worker.ts', import.meta.url).href;
    // Workers do not inherit tsx's loader: register it inside the worker before importing the TypeScript entry.
    const api = import.meta.resolve('tsx/esm/api');
    const source = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(target)}); })`;
    const worker = new Worker(source, { eval: true });
    worker.on('message', (m: { id: number } & KuramotoResult) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      p?.resolve({ fbar: m.fbar, jacobian: m.jacobian });
    });
    worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
    worker.unref(); // after the listeners: adding a 'message' listener refs the worker's port again
    return worker;
  }
}
