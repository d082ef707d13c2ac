// How far a CNN run folder's training got: its metrics.json when finished, else the checkpoint.json of an unfinished run (running or stopped).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EpochRecord } from '../../surrogate/cnn/train.ts';
import type { CnnMetrics } from './experiment.ts';
import { TASKS, type CnnTask } from './tasks.ts';

export interface CnnRunProgress {
  /** metrics.json written (the run ended); false while only a checkpoint exists. */
  readonly finished: boolean;
  readonly network: string;
  readonly task: string;
  readonly seed: number;
  /** Architecture name (model.json arch.name). */
  readonly arch: string;
  /** Resonance variability during training (eq. 4, half widths); 0 without. */
  readonly sigma: number;
  /** Finished epochs, one record each. */
  readonly history: readonly EpochRecord[];
  /** Training wall time so far (s), all sessions of a resumed run. */
  readonly seconds: number;
  readonly training: { readonly batchSize: number; readonly lr: number; readonly lrDecay: number };
  /** Test accuracy of the last finished epoch (the whole test set). */
  readonly testAccuracy?: number;
  /** Finished runs: accuracy on the whole training set after training; unfinished: the last epoch's running mean. */
  readonly trainAccuracy?: number;
  /** Unfinished runs: the next batch of the epoch under way (0 at an epoch boundary). */
  readonly batch?: number;
}

interface CheckpointFile {
  run: { task: CnnTask; network: string; seed: number; sigma: number; batchSize: number; lr: number; lrDecay: number };
  history: EpochRecord[];
  seconds: number;
  batch: number;
}

const read = <T>(path: string): T | undefined => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined);

/** The run in DIR: metrics.json unless checkpoint.json holds more epochs (a continuation under way); undefined when it holds neither. */
export function readCnnProgress(dir: string): CnnRunProgress | undefined {
  const m = read<CnnMetrics>(join(dir, 'metrics.json'));
  const c = read<CheckpointFile>(join(dir, 'checkpoint.json'));
  if (m && (!c || m.history.length >= c.history.length)) {
    return { finished: true, network: m.network, task: m.task, seed: m.seed, arch: m.arch, sigma: m.sigma, history: m.history, seconds: m.seconds, training: m.training, testAccuracy: m.test.accuracy, trainAccuracy: m.train.accuracy };
  }
  if (!c) return undefined;
  const last = c.history[c.history.length - 1];
  const { task, network, seed, sigma, batchSize, lr, lrDecay } = c.run;
  return { finished: false, network, task, seed, arch: TASKS[task].arch.name, sigma, history: c.history, seconds: c.seconds, training: { batchSize, lr, lrDecay }, testAccuracy: last?.testAccuracy, trainAccuracy: last?.trainAccuracy, batch: c.batch };
}

/** The first epoch (1-based) whose test accuracy reaches `target`, or undefined. */
export function epochReaching(history: readonly EpochRecord[], target: number): number | undefined {
  const i = history.findIndex((h) => (h.testAccuracy ?? 0) >= target);
  return i < 0 ? undefined : i + 1;
}

/**
 * Epochs (1-based) that ran at under half the run's best training rate: on a shared machine these ran beside other jobs, and
 * the run's wall time says more about the load than about the network.
 */
export function loadedEpochs(history: readonly EpochRecord[]): number[] {
  const best = Math.max(...history.map((h) => h.imagesPerSecond));
  return history.flatMap((h, i) => (h.imagesPerSecond < best / 2 ? [i + 1] : []));
}
