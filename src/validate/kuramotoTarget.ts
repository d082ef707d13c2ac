// A trained Kuramoto classifier made ready for circuit work: its task's test set, scaled inputs, back-annotated design.
import { readFileSync } from 'node:fs';
import { annotateClassifier, checkDesign, type AnnotationOptions, type KuramotoDesign, type OutOfRange } from '../annotate/kuramotoDesign.ts';
import type { KuramotoClassifier } from '../architectures/kuramoto/model.ts';
import { readClassifier, type TrainingRecord } from '../architectures/kuramoto/persist.ts';
import { loadTask } from '../architectures/kuramoto/tasks.ts';
import { InputError } from '../errors.ts';
import { stableHash } from '../spec/hash.ts';

export interface KuramotoTarget {
  readonly modelFile: string;
  /** sha256 of the model document (recorded in every output). */
  readonly modelHash: string;
  readonly model: KuramotoClassifier;
  readonly training: TrainingRecord;
  readonly design: KuramotoDesign;
  /** What the circuit cannot realise as asked (reported, not clipped). */
  readonly outOfRange: OutOfRange[];
  /** The evaluated test examples: raw features, scaled features, targets, and their indices in the task's test set. */
  readonly x: number[][];
  readonly z: number[][];
  readonly y: boolean[];
  readonly indices: number[];
}

/** Loads model.json, rebuilds its task's test set (same split seed) and back-annotates it. `examples` keeps N evenly spaced ones. */
export function loadKuramotoTarget(modelFile: string, o: { examples?: number; annotation?: Partial<AnnotationOptions> } = {}): KuramotoTarget {
  const { model, training } = readClassifier(modelFile);
  if (!training) throw new InputError('has no training record (task and split seed are needed to rebuild the test set)', 'training', modelFile);
  const task = loadTask(training.task, training.splitSeed ?? 0);
  const total = task.test.x.length;
  const count = o.examples ?? total;
  if (!Number.isInteger(count) || count < 1) throw new InputError(`must be a positive integer, got ${count}`, '--examples');
  const kept = Math.min(count, total);
  const indices = Array.from({ length: kept }, (_, i) => Math.floor((i * total) / kept));
  const x = indices.map((i) => task.test.x[i]);
  const z = model.scale(x).arraySync() as number[][];
  const design = annotateClassifier(model, o.annotation);
  return {
    modelFile,
    modelHash: stableHash(JSON.parse(readFileSync(modelFile, 'utf8'))),
    model,
    training,
    design,
    outOfRange: checkDesign(design, z),
    x,
    z,
    y: indices.map((i) => task.test.y[i]),
    indices,
  };
}
