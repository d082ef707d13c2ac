// Trained vowel network <-> model.json (description, weights, output code, training record); loads back to the same predictions.
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.ts';
import { writeJsonAtomic } from '../../io/atomic.ts';
import { resolveForcedSettings } from '../../surrogate/forced/params.ts';
import { VowelNetwork, type VowelNetworkDescription } from './model.ts';
import type { PatternDecoder } from './readout.ts';

export const VOWEL_MODEL_FORMAT = 'spinspice.vowel-network';
export const VOWEL_MODEL_FORMAT_VERSION = 1;

export interface SavedVowelNetwork {
  readonly format: typeof VOWEL_MODEL_FORMAT;
  readonly formatVersion: number;
  readonly description: VowelNetworkDescription;
  /** Units of description.frequencyUnitMHz: reference n x 1 natural frequencies; extended n x 3 matrix W. */
  readonly weights: number[][];
  /** Bias currents (A) of the reference network (the four trained knobs); null for the extended one (input dependent). */
  readonly biasCurrents: number[] | null;
  /** Output code: lock pattern (bit i * 2 + s: oscillator i locked to source s) -> class index, and its label. */
  readonly code: readonly { readonly pattern: number; readonly label: string; readonly cls: number; readonly vowel: string }[];
  readonly training: unknown;
}

/** The JSON document of a network (training: any JSON record of how it was trained). */
export function toSavedVowelNetwork(net: VowelNetwork, codeLabels: readonly string[], training: unknown): SavedVowelNetwork {
  const d = net.description;
  return {
    format: VOWEL_MODEL_FORMAT,
    formatVersion: VOWEL_MODEL_FORMAT_VERSION,
    description: d,
    weights: net.weightValues(),
    biasCurrents: d.arch === 'reference' ? net.biasCurrents([[0, 0]])[0] : null,
    code: net.decoder.entries.map((e, q) => ({ pattern: e.pattern, label: codeLabels[q], cls: e.cls, vowel: d.classes[e.cls] })),
    training,
  };
}

/** Rebuilds a network from its JSON document (validated; InputError names the field). */
export function fromSavedVowelNetwork(doc: unknown, file?: string): VowelNetwork {
  const d = doc as Partial<SavedVowelNetwork> | null;
  if (!d || d.format !== VOWEL_MODEL_FORMAT) throw new InputError(`not a ${VOWEL_MODEL_FORMAT} document`, 'format', file);
  if (d.formatVersion !== VOWEL_MODEL_FORMAT_VERSION) throw new InputError(`unsupported version ${d.formatVersion}`, 'formatVersion', file);
  if (!d.description || !Array.isArray(d.weights) || !Array.isArray(d.code)) throw new InputError('description, weights and code are required', 'description', file);
  try {
    const description = { ...d.description, settings: resolveForcedSettings(d.description.settings) };
    const decoder: PatternDecoder = { entries: d.code.map((e) => ({ pattern: e.pattern, cls: e.cls })) };
    return new VowelNetwork(description, d.weights, decoder);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.message, undefined, file);
    throw e;
  }
}

export function writeVowelNetwork(path: string, doc: SavedVowelNetwork): void {
  writeJsonAtomic(path, doc);
}

/** Reads a model.json written by writeVowelNetwork. */
export function readVowelNetwork(path: string): VowelNetwork {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read model: ${(e as Error).message}`, undefined, path);
  }
  return fromSavedVowelNetwork(doc, path);
}
