// One mismatch trial of a spintronic CNN: a die drawn from a seed (resonance shifts of eq. 4, layer gain errors), its test accuracy.
import { cmosGm } from '../devices/cmosAmp.ts';
import { spinDiode } from '../devices/spinDiode.ts';
import { pickImages } from '../data/images.ts';
import type { ImageSet } from '../data/images.ts';
import { InputError } from '../errors.ts';
import type { TaskPool } from '../parallel/taskPool.ts';
import { createRng, seedFor } from '../random/rng.ts';
import type { EngineName } from '../sim/simulate.ts';
import { parseQuantity } from '../units/quantity.ts';
import type { CnnModel } from '../surrogate/cnn/model.ts';
import { evaluateModel } from '../surrogate/cnn/train.ts';
import { drawDevices } from '../surrogate/cnn/variability.ts';
import { runNetworkCircuit } from '../validate/cnnCircuitRun.ts';

/** The CNN's mismatch knobs: resonance variability sigma (eq. 4, units of the half width alpha f) and the relative error of each layer's gain. */
export interface CnnSpreads {
  readonly sigma: number;
  readonly gain: number;
}
export const CNN_KNOBS = ['sigma', 'gain'] as const satisfies readonly (keyof CnnSpreads)[];

/** Defaults from the device tables: the spinDiode's relative f_res spread over its linewidth alpha (0.1, paper 002), the cmosGm gm spread. */
export function defaultCnnSpreads(): CnnSpreads {
  const d = spinDiode.params;
  return { sigma: d.fres.spread!.sigma / d.alpha.default, gain: cmosGm.params.gm.spread!.sigma };
}

/** Applies --spread overrides: "sigma=0.1" (units of the half width), "gain=2%" or "gain=0.02". */
export function overrideCnnSpreads(base: CnnSpreads, overrides: readonly string[], field = '--spread'): CnnSpreads {
  const out = { ...base };
  for (const text of overrides) {
    const m = /^([A-Za-z]+)\s*=\s*(.+)$/.exec(text.trim());
    if (!m) throw new InputError(`expected name=value, got ${JSON.stringify(text)}`, field);
    const name = m[1] as keyof CnnSpreads;
    if (!(CNN_KNOBS as readonly string[]).includes(name)) throw new InputError(`unknown knob '${m[1]}' for a CNN (one of ${CNN_KNOBS.join(', ')})`, field);
    const raw = m[2].trim();
    const value = raw.endsWith('%') ? parseQuantity(raw.slice(0, -1), '', `${field} ${name}`) / 100 : parseQuantity(raw, '', `${field} ${name}`);
    if (!(value >= 0) || (name === 'gain' && value > 1)) throw new InputError(`${name} spread must be ${name === 'gain' ? 'a fraction in [0, 1]' : '>= 0'}, got ${raw}`, field);
    out[name] = value;
  }
  return out;
}

/** What a trial drew: its device seed (the resonators' n of eq. 4, drawDevices(arch, seed)) and the factor on each layer's gain. */
export interface CnnSample {
  readonly sigma: number;
  readonly deviceSeed: number;
  readonly gainFactors: number[];
}

export interface CnnTrialRecord {
  readonly index: number;
  readonly seed: number;
  readonly sample: CnnSample;
  readonly accuracy?: number;
  readonly predictions?: number[];
  readonly error?: string;
  readonly seconds: number;
}

export interface CnnTrialSpec {
  readonly model: CnnModel;
  readonly test: ImageSet;
  readonly indices: readonly number[];
  readonly spreads: CnnSpreads;
  readonly studySeed: number;
  readonly index: number;
  readonly level: 'circuit' | 'surrogate';
  readonly engine: EngineName;
  readonly maxResonators: number;
  /** Runs the circuit's decks (circuit level). */
  readonly pool?: TaskPool;
}

/** Trial `index` draws from seedFor(studySeed, index): resonators from drawDevices(arch, that seed), gains from stream seedFor(that seed, 1000). */
export function sampleCnn(model: CnnModel, spreads: CnnSpreads, trialSeed: number): CnnSample {
  const gains = model.params.kind === 'spintronic' ? model.params.gains : [];
  const rng = createRng(seedFor(trialSeed, 1000));
  return { sigma: spreads.sigma, deviceSeed: trialSeed, gainFactors: gains.map(() => 1 + spreads.gain * rng.normal()) };
}

/** The model with a sample's gain errors applied (resonance shifts are applied at evaluation). */
function withGains(model: CnnModel, sample: CnnSample): CnnModel {
  if (model.params.kind !== 'spintronic') throw new RangeError('mismatch trials need a spintronic CNN');
  const p = model.params;
  return { ...model, params: { ...p, gains: p.gains.map((g, l) => g * sample.gainFactors[l]) } };
}

/** Runs one trial at its level; a failing trial is recorded with its error. */
export async function runCnnTrial(s: CnnTrialSpec): Promise<CnnTrialRecord> {
  const started = performance.now();
  const seed = seedFor(s.studySeed, s.index);
  const sample = sampleCnn(s.model, s.spreads, seed);
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const model = withGains(s.model, sample);
    const draws = s.spreads.sigma > 0 ? drawDevices(model.arch, sample.deviceSeed) : undefined;
    let predictions: number[];
    if (s.level === 'surrogate') {
      predictions = Array.from(evaluateModel(model, pickImages(s.test, s.indices), draws && { sigma: s.spreads.sigma, draws }).predictions);
    } else {
      const variability = draws && { sigma: s.spreads.sigma, seed: sample.deviceSeed, draws };
      const images = await runNetworkCircuit(model, s.test, s.indices, { maxResonators: s.maxResonators, engine: s.engine, pool: s.pool, variability });
      predictions = images.map((i) => i.circuitPrediction);
    }
    const correct = predictions.filter((p, k) => p === s.test.labels[s.indices[k]]).length;
    return { index: s.index, seed, sample, accuracy: correct / predictions.length, predictions, seconds: seconds() };
  } catch (e) {
    return { index: s.index, seed, sample, error: (e as Error).message, seconds: seconds() };
  }
}
