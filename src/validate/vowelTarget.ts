// A trained vowel network made ready for circuit work: its task's test tokens (same speaker split), scoring seed, hash.
import { readFileSync } from 'node:fs';
import type { VowelNetwork } from '../architectures/vowels/model.ts';
import { readVowelNetwork } from '../architectures/vowels/persist.ts';
import { loadVowelTask, VOWEL_TASK_NAMES, type VowelTaskName } from '../architectures/vowels/task.ts';
import { InputError } from '../errors.ts';
import { stableHash } from '../spec/hash.ts';

export interface VowelTarget {
  readonly modelFile: string;
  /** sha256 of the model document (recorded in every output). */
  readonly modelHash: string;
  readonly net: VowelNetwork;
  readonly task: VowelTaskName;
  readonly splitSeed: number;
  /** Seed of the initial phases of the training run's scoring: token t starts from seedFor(evalSeed, t). */
  readonly evalSeed: number;
  /** The evaluated test tokens: source frequencies (MHz), classes, and their indices in the task's test set. */
  readonly fs: (readonly [number, number])[];
  readonly y: number[];
  readonly indices: number[];
}

/** Loads model.json, rebuilds its task's test set (same split seed); `examples` keeps N evenly spaced tokens. */
export function loadVowelTarget(modelFile: string, o: { examples?: number } = {}): VowelTarget {
  const net = readVowelNetwork(modelFile);
  const doc = JSON.parse(readFileSync(modelFile, 'utf8')) as { training?: { task?: unknown; splitSeed?: unknown; evalSeed?: unknown } };
  const t = doc.training;
  if (!t || !VOWEL_TASK_NAMES.includes(t.task as VowelTaskName)) {
    throw new InputError(`needs training.task (one of ${VOWEL_TASK_NAMES.join(', ')}) to rebuild the test set`, 'training.task', modelFile);
  }
  for (const field of ['splitSeed', 'evalSeed'] as const) {
    if (!Number.isInteger(t[field])) throw new InputError(`must be an integer, got ${JSON.stringify(t[field])}`, `training.${field}`, modelFile);
  }
  const task = loadVowelTask(t.task as VowelTaskName, t.splitSeed as number, net.description.mapping);
  const total = task.test.y.length;
  const count = o.examples ?? total;
  if (!Number.isInteger(count) || count < 1) throw new InputError(`must be a positive integer, got ${count}`, '--examples');
  const kept = Math.min(count, total);
  const indices = Array.from({ length: kept }, (_, i) => Math.floor((i * total) / kept));
  return {
    modelFile,
    modelHash: stableHash(JSON.parse(readFileSync(modelFile, 'utf8'))),
    net,
    task: task.name,
    splitSeed: task.splitSeed,
    evalSeed: t.evalSeed as number,
    fs: indices.map((i) => task.test.fs[i]),
    y: indices.map((i) => task.test.y[i]),
    indices,
  };
}
