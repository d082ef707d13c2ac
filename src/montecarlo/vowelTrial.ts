// One Monte Carlo trial of a trained vowel network (surrogate or circuit level): mismatch sample, phase noise, accuracy.
import { runTokenCircuit, tokenReadout } from '../architectures/vowels/circuit.ts';
import type { PatternDecoder } from '../architectures/vowels/readout.ts';
import { cmosGm } from '../devices/cmosAmp.ts';
import { rfSource } from '../devices/rfSource.ts';
import { stnoPhase } from '../devices/stnoPhase.ts';
import { createRng, seedFor } from '../random/rng.ts';
import type { EngineName } from '../sim/simulate.ts';
import { forcedForward } from '../surrogate/forced/kernel.ts';
import type { ForcedSettings } from '../surrogate/forced/params.ts';
import type { Spread } from '../devices/device.ts';
import type { KnobSource } from './mismatch.ts';
import type { Level } from './kuramotoTrial.ts';

/**
 * The mismatch knobs of the vowel circuit, in sampling order (part of the replay contract). F0, kappa, k, gain and
 * offset draw one value per oscillator, P one per RF source. k scales everything oscillator i feels from the line
 * (mutual coupling and injection k*sqrt(P/Posc)); gain and offset are the bias drivers' programming error.
 */
export const VOWEL_KNOBS = {
  F0: { device: stnoPhase, param: 'F0', doc: 'STNO frequency offset (stnoPhase.F0)' },
  kappa: { device: stnoPhase, param: 'kappa', doc: 'STNO current tunability (stnoPhase.kappa)' },
  k: { device: stnoPhase, param: 'k', doc: 'coupling felt from the RF line, mutual and injected (stnoPhase.k)' },
  P: { device: rfSource, param: 'P', doc: 'RF power each source delivers (rfSource.P; injection ~ sqrt(P))' },
  gain: { device: cmosGm, param: 'gm', doc: 'bias current programming, gain error of each driver (cmosGm.gm)' },
  offset: { device: cmosGm, param: 'ioffset', doc: 'bias current programming, offset of each driver (cmosGm.ioffset)' },
} as const satisfies Record<string, KnobSource>;

export type VowelKnob = keyof typeof VOWEL_KNOBS;
export const VOWEL_KNOB_NAMES = Object.keys(VOWEL_KNOBS) as VowelKnob[];
export type VowelSpreads = Record<VowelKnob, Pick<Spread, 'kind' | 'sigma'>>;

/**
 * The sampled values of one trial: F0 (Hz), kappa (Hz/A) and k (Hz) per oscillator, P (W) per source, gain (factor on
 * the programmed current, 1 = exact) and offset (A) per oscillator's bias driver.
 */
export type VowelSample = Record<VowelKnob, number[]>;

/** Everything a trial needs (JSON-serialisable: it travels to a worker). */
export interface VowelTrialSpec {
  /** Programmed bias currents per token (A), tokens x n (the nominal devices' currents). */
  readonly currents: readonly (readonly number[])[];
  /** f_A, f_B per token (MHz) and the class of each token. */
  readonly fs: readonly (readonly [number, number])[];
  readonly y: readonly number[];
  readonly decoder: PatternDecoder;
  /** Nominal physics (k, k_s, duration, window, Euler step); the surrogate and the circuit use the same duration and window. */
  readonly settings: ForcedSettings;
  readonly level: Level;
  readonly spreads: VowelSpreads;
  /** Phase-noise linewidth (Hz) of every oscillator. */
  readonly linewidth: number;
  readonly engine: EngineName;
  readonly tmax: number;
  /** Per-run time limit of a circuit token (ms). */
  readonly timeoutMs: number;
  readonly studySeed: number;
  readonly index: number;
}

export interface VowelTrialRecord {
  readonly index: number;
  readonly seed: number;
  readonly sample: VowelSample;
  readonly accuracy?: number;
  readonly predictions?: number[];
  readonly error?: string;
  readonly seconds: number;
}

/**
 * Draws a trial's devices from createRng(seed): for each knob in VOWEL_KNOBS order, each element (oscillator or source)
 * in index order draws one N(0, 1), also at zero spread, so a knob's draws do not depend on the other knobs' spreads.
 */
export function sampleVowelDevices(spreads: VowelSpreads, seed: number, n: number, settings: ForcedSettings): VowelSample {
  const rng = createRng(seed);
  const nominalP = settings.injection.map((kIn) => rfSource.params.Posc.default * (kIn / settings.coupling) ** 2);
  const nominal: Record<VowelKnob, number[]> = {
    F0: new Array<number>(n).fill(stnoPhase.params.F0.default),
    kappa: new Array<number>(n).fill(stnoPhase.params.kappa.default),
    k: new Array<number>(n).fill(settings.coupling),
    P: nominalP,
    gain: new Array<number>(n).fill(1),
    offset: new Array<number>(n).fill(0),
  };
  const sample = {} as VowelSample;
  for (const name of VOWEL_KNOB_NAMES) {
    const { kind, sigma } = spreads[name];
    sample[name] = nominal[name].map((v) => {
      const z = rng.normal();
      return kind === 'relative' ? v * (1 + sigma * z) : v + sigma * z;
    });
  }
  return sample;
}

/** Mean frequencies (MHz) of every token with the trial's devices: surrogate kernel, or one ngspice run per token. */
async function trialFrequencies(spec: VowelTrialSpec, sample: VowelSample, seed: number): Promise<number[][]> {
  const n = spec.currents[0].length;
  const settings: ForcedSettings = { ...spec.settings, linewidth: spec.linewidth };
  const currents = spec.currents.map((row) => row.map((I, i) => I * sample.gain[i] + sample.offset[i]));
  const seeds = spec.fs.map((_, m) => seedFor(seed, m));
  const powerScale = sample.P.map((P, s) => P / (rfSource.params.Posc.default * (settings.injection[s] / settings.coupling) ** 2));
  if (spec.level === 'surrogate') {
    const { Fmin, Fmax } = stnoPhase.defaults();
    const F = Float64Array.from(currents.flatMap((row) => row.map((I, i) => Math.min(Fmax, Math.max(Fmin, sample.F0[i] + sample.kappa[i] * I)))));
    const forced = { ...settings, injection: settings.injection.map((kIn, s) => kIn * Math.sqrt(powerScale[s])) };
    const batch = { F, fs: Float64Array.from(spec.fs.flat(), (f) => f * 1e6), batch: spec.fs.length, n, m: 2, seeds };
    const fbar = forcedForward(batch, forced, sample.k.map((k) => k / settings.coupling));
    return spec.fs.map((_, m) => Array.from(fbar.subarray(m * n, (m + 1) * n), (f) => f / 1e6));
  }
  const out: number[][] = [];
  for (let m = 0; m < spec.fs.length; m++) {
    const circuit = {
      name: `vowel mc trial ${spec.index} token ${m}`,
      biasCurrents: currents[m],
      fsMHz: spec.fs[m],
      settings,
      phaseSeed: seeds[m],
      oscillatorOverrides: sample.F0.map((F0, i) => ({ F0, kappa: sample.kappa[i], k: sample.k[i] })),
      powerScale,
      tmax: spec.tmax,
    };
    out.push(await runTokenCircuit(circuit, spec.engine, spec.timeoutMs));
  }
  return out;
}

/**
 * Runs trial `index` of a study seeded `studySeed`: trial seed seedFor(studySeed, index) draws the devices, token m
 * starts from forcedInitialPhases(seedFor(trialSeed, m)) with its phase noise seeded the same way. Tokens are read
 * against the nominal injection (the read-out does not know the mismatch). Failures are returned as records with
 * `error`, never thrown, so a study goes on.
 */
export async function runVowelTrial(spec: VowelTrialSpec): Promise<VowelTrialRecord> {
  const started = performance.now();
  const seed = seedFor(spec.studySeed, spec.index);
  const sample = sampleVowelDevices(spec.spreads, seed, spec.currents[0].length, spec.settings);
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const fbar = await trialFrequencies(spec, sample, seed);
    const predictions = fbar.map((f, m) => tokenReadout(f, spec.fs[m], spec.settings.injection, spec.decoder).predicted);
    const accuracy = predictions.reduce((a, p, m) => a + (p === spec.y[m] ? 1 : 0), 0) / spec.y.length;
    return { index: spec.index, seed, sample, accuracy, predictions, seconds: seconds() };
  } catch (e) {
    return { index: spec.index, seed, sample, error: (e as Error).message, seconds: seconds() };
  }
}
