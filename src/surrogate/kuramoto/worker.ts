// Worker-thread side of the Kuramoto pool: runs computeBatch on the slice of a batch it is sent.
import { parentPort } from 'node:worker_threads';
import { computeBatch, type KuramotoJob } from './compute.ts';
import type { KuramotoSettings } from './params.ts';

interface Request {
  id: number;
  F: Float64Array;
  batch: number;
  n: number;
  seeds: Uint32Array;
  settings: KuramotoSettings;
  job: KuramotoJob;
}

parentPort!.on('message', (m: Request) => {
  const r = computeBatch({ F: m.F, batch: m.batch, n: m.n, seeds: m.seeds }, m.settings, m.job);
  parentPort!.postMessage({ id: m.id, fbar: r.fbar, jacobian: r.jacobian });
});
