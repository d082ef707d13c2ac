// Trained Kuramoto classifier <-> JSON (description + input scaling + weights + training metadata), loads back to the same predictions.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { InputError } from '../../errors.ts';
import { writeJsonAtomic } from '../../io/atomic.ts';
import { resolveSettings } from '../../surrogate/kuramoto/params.ts';
import { KuramotoClassifier, type ClassifierDescription, type InputScaling } from './model.ts';

export const MODEL_FORMAT = 'spinspice.kuramoto-classifier';
export const MODEL_FORMAT_VERSION = 1;

/** How a model was trained and how it scored (fractions). */
export interface TrainingRecord {
  readonly task: string;
  readonly splitSeed: number | null;
  readonly seed: number;
  readonly iterations: number;
  readonly learningRate: number;
  /** Index and name of the chosen start and the scores of all candidates (see init.ts). */
  readonly init: { readonly chosen: number; readonly start?: string; readonly scores: readonly number[] };
  /**
   * Independent restarts (absent in files written before restarts existed: one): their seeds, their training E_tot at
   * nominal coupling with the final scoring's initial phases, and the index of the restart kept (the lowest).
   */
  readonly restarts?: { readonly count: number; readonly seeds: readonly number[]; readonly trainingErrors: readonly number[]; readonly kept: number };
  /** Training E_tot and accuracy per iteration (before that iteration's update) of the kept restart. */
  readonly losses: readonly number[];
  readonly accuracies: readonly number[];
  /** Iteration whose weights were kept (lowest training E_tot). */
  readonly bestIteration: number;
  /** Seed of the initial phases used for the final train/test scores. */
  readonly evalSeed: number;
  readonly train: { readonly accuracy: number };
  readonly test: { readonly accuracy: number };
  readonly seconds: number;
  readonly versions: { readonly spinspice: string; readonly tfjs: string; readonly node: string };
}

export interface SavedClassifier {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: number;
  readonly description: ClassifierDescription;
  readonly scaling: InputScaling;
  /** Units of description.frequencyUnitMHz (extended: N x (dim x + 1) matrix W; reference: tuning frequencies). */
  readonly weights: number[][];
  readonly training: TrainingRecord | null;
}

/** The JSON document of a classifier. */
export function toSaved(model: KuramotoClassifier, training: TrainingRecord | null): SavedClassifier {
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    description: model.description,
    scaling: model.scaling,
    weights: model.weightValues(),
    training,
  };
}

/** Rebuilds a classifier from its JSON document (validated; throws InputError naming the bad field). */
export function fromSaved(doc: unknown, file?: string): { model: KuramotoClassifier; training: TrainingRecord | null } {
  const d = doc as Partial<SavedClassifier> | null;
  if (!d || d.format !== MODEL_FORMAT) throw new InputError(`not a ${MODEL_FORMAT} document`, 'format', file);
  if (d.formatVersion !== MODEL_FORMAT_VERSION) throw new InputError(`unsupported version ${d.formatVersion}`, 'formatVersion', file);
  if (!d.description || !d.scaling || !Array.isArray(d.weights)) throw new InputError('description, scaling and weights are required', 'description', file);
  try {
    const description = { ...d.description, settings: resolveSettings(d.description.settings) };
    return { model: new KuramotoClassifier(description, d.scaling, d.weights), training: d.training ?? null };
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, undefined, file);
    throw e;
  }
}

/** Writes model.json atomically. */
export function writeClassifier(path: string, model: KuramotoClassifier, training: TrainingRecord | null): void {
  writeJsonAtomic(path, toSaved(model, training));
}

/** Reads a model.json. */
export function readClassifier(path: string): { model: KuramotoClassifier; training: TrainingRecord | null } {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read model: ${(e as Error).message}`, undefined, path);
  }
  return fromSaved(doc, path);
}

/** Versions recorded with a trained model. */
export function versions(): TrainingRecord['versions'] {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return { spinspice: pkg.version, tfjs: tf.version.tfjs, node: process.version };
}
