// A batch split over two DynamicsKernels at once: half in this thread, half in a worker thread, with a blocking call so tfjs's synchronous customGrad can use it.
import { receiveMessageOnPort, MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { DynamicsKernel } from './kernel.ts';
import type { DynamicalConfig } from './config.ts';
import type { DynamicalMasks } from './params.ts';

const BOOTSTRAP = new URL('../../sim/workerBootstrap.mjs', import.meta.url);
const ENTRY = new URL('./splitKernelWorker.ts', import.meta.url).href;
/** Longest wait for the worker's half of one call (its first call includes loading the worker). */
const REPLY_TIMEOUT_MS = 600_000;

/** Control words shared with the worker: [request pending, reply ready]. */
export const REQUEST = 0;
export const REPLY = 1;

export type SplitRequest =
  | { cmd: 'forward'; theta: Float64Array; u: Float32Array; B: number; T: number; tape: boolean }
  | { cmd: 'backward'; dOut: Float64Array };
export type SplitReply = { out: Float64Array } | { error: string };

/**
 * Same contract as DynamicsKernel.forward/backward. The first floor(B / 2) examples run here, the rest in the worker
 * (a batch of one runs here alone). Forward outputs are bit-identical to one kernel's (examples do not interact); the
 * gradient is the sum of the two halves' (equal to one kernel's up to rounding). Deterministic: the split depends only on B.
 */
export class SplitKernel {
  readonly thetaSize: number;
  readonly offsets: number[];
  private readonly local: DynamicsKernel;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(8));
  private split = 0;
  private readonly width: number;

  constructor(cfg: DynamicalConfig, masks: DynamicalMasks) {
    this.local = new DynamicsKernel(cfg, masks);
    this.thetaSize = this.local.thetaSize;
    this.offsets = this.local.offsets;
    this.width = cfg.width;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY, cfg, masks, ctrl: this.ctrl, port: port2 }, transferList: [port2] });
    this.worker.unref();
  }

  forward(theta: Float64Array, u: Float32Array, B: number, T: number, opts: { tape?: boolean } = {}): Float64Array {
    this.split = Math.floor(B / 2);
    if (this.split === 0) return this.local.forward(theta, u, B, T, opts);
    const P = u.length / (B * T);
    this.request({ cmd: 'forward', theta, u: u.slice(this.split * T * P), B: B - this.split, T, tape: !!opts.tape });
    const mine = this.local.forward(theta, u.subarray(0, this.split * T * P), this.split, T, opts);
    const theirs = this.reply();
    const out = new Float64Array(B * this.width);
    out.set(mine);
    out.set(theirs, mine.length);
    return out;
  }

  backward(dOut: Float64Array): Float64Array {
    if (this.split === 0) return this.local.backward(dOut);
    const cut = this.split * this.width;
    this.request({ cmd: 'backward', dOut: dOut.slice(cut) });
    const g = this.local.backward(dOut.subarray(0, cut));
    const theirs = this.reply();
    for (let k = 0; k < g.length; k++) g[k] += theirs[k];
    return g;
  }

  /** Stops the worker (the kernel cannot be used afterwards). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private request(r: SplitRequest): void {
    this.port.postMessage(r);
    Atomics.store(this.ctrl, REQUEST, 1);
    Atomics.notify(this.ctrl, REQUEST);
  }

  private reply(): Float64Array {
    if (Atomics.wait(this.ctrl, REPLY, 0, REPLY_TIMEOUT_MS) === 'timed-out') throw new Error(`dynamics worker gave no answer in ${REPLY_TIMEOUT_MS / 1000} s`);
    Atomics.store(this.ctrl, REPLY, 0);
    const r = receiveMessageOnPort(this.port)?.message as SplitReply | undefined;
    if (!r) throw new Error('dynamics worker signalled a reply but sent none');
    if ('error' in r) throw new Error(`dynamics worker: ${r.error}`);
    return r.out;
  }
}
