// Back-annotation of a trained vowel network into ngspice: one deck per token (bias currents + two rfSources), read-out of a run, surrogate twin.
import { meanFrequency } from '../../analysis/phase.ts';
import { powerForInjection, rfSource } from '../../devices/rfSource.ts';
import { stnoPhase } from '../../devices/stnoPhase.ts';
import { seedFor } from '../../random/rng.ts';
import { resolveDescription } from '../../spec/resolve.ts';
import type { Description } from '../../spec/description.ts';
import type { SimResult } from '../../sim/result.ts';
import { runDescription } from '../../sim/runDescription.ts';
import type { EngineName } from '../../sim/simulate.ts';
import { forcedInitialPhases } from '../../surrogate/forced/kernel.ts';
import type { ForcedSettings } from '../../surrogate/forced/params.ts';
import { forcedNetwork, oscillatorPhaseNet } from '../forcedNetwork.ts';
import type { VowelNetwork } from './model.ts';
import { decode, desynchronizations, patternOf, type LockPattern, type PatternDecoder } from './readout.ts';
import { operatorOf, readPrediction } from './predict.ts';

/** What a run says about one token. */
export interface TokenReadout {
  /** Mean frequencies over the read-out window (MHz). */
  readonly fbar: number[];
  readonly pattern: LockPattern;
  /** Class index (-1 without a decoder). */
  readonly predicted: number;
}

/** Step bound of the transient (s): the ARCHITECTURE.md choice for phase nodes (100 ps: within ~1 kHz of 10 ps). */
export const CIRCUIT_TMAX = 100e-12;

/** Time limit of one token's ngspice run (ms): a token takes seconds, so a run still going after this is recorded as hung. */
export const TOKEN_TIMEOUT_MS = 120_000;

/** One token's circuit as plain data (it travels to pool workers): what vowelTokenDescription renders. */
export interface TokenCircuit {
  readonly name: string;
  /** Bias current of each oscillator (A). */
  readonly biasCurrents: readonly number[];
  /** Source frequencies f_A, f_B (MHz). */
  readonly fsMHz: readonly [number, number];
  /** coupling k, injection k_s (nominal source powers Posc (k_s / k)^2), duration, window, linewidth of every STNO. */
  readonly settings: ForcedSettings;
  /** Initial phases forcedInitialPhases(phaseSeed) (the surrogate's for the same seed); also seeds the phase noise. */
  readonly phaseSeed: number;
  /** stnoPhase parameters of oscillator i (a Monte Carlo sample of F0, kappa, k). */
  readonly oscillatorOverrides?: readonly Readonly<Record<string, number>>[];
  /** Factor on each source's power (a Monte Carlo sample of rfSource.P); default 1. */
  readonly powerScale?: readonly number[];
  readonly tmax: number;
}

/**
 * The resolved circuit of a token: stnoPhase oscillators at the given bias currents, two rfSources of power
 * Posc (k_s / k)^2 so that k*sqrt(P/Posc) = k_s, initial phases from phaseSeed. Requires mutual coupling k > 0:
 * injection reaches an oscillator through the same line coupling.
 */
export function tokenCircuitDescription(c: TokenCircuit): Description {
  const { settings } = c;
  if (!(settings.coupling > 0)) throw new Error('the circuit needs mutual coupling k > 0: sources inject through the line (k_s = k sqrt(P/Posc))');
  const n = c.biasCurrents.length;
  const Posc = rfSource.params.Posc.default;
  const phases = forcedInitialPhases(c.phaseSeed, n, 2);
  return resolveDescription({
    ...forcedNetwork({
      name: c.name,
      biasCurrents: c.biasCurrents,
      sources: c.fsMHz.map((f, s) => ({ f: f * 1e6, P: powerForInjection(settings.injection[s], settings.coupling, Posc) * (c.powerScale?.[s] ?? 1), phi0: phases.sources[s] })),
      oscillator: { k: settings.coupling, linewidth: settings.linewidth },
      oscillatorOverrides: c.oscillatorOverrides,
      Posc,
      initialPhases: phases.oscillators,
      stop: settings.duration,
      tmax: c.tmax,
    }),
    seed: c.phaseSeed,
  });
}

/** The circuit of token `index` of a study seeded with `seed`: the network's bias currents for f_s (extended: W [z; 1], what its CMOS summing stage would deliver). */
export function vowelTokenCircuit(net: VowelNetwork, fs: readonly [number, number], seed: number, index: number): TokenCircuit {
  return {
    name: `vowel token ${index}: f_A = ${fs[0].toFixed(3)} MHz, f_B = ${fs[1].toFixed(3)} MHz`,
    biasCurrents: net.biasCurrents([fs])[0],
    fsMHz: fs,
    settings: net.description.settings,
    phaseSeed: seedFor(seed, index),
    tmax: CIRCUIT_TMAX,
  };
}

/** The resolved deck of token `index` (initial phases as the surrogate's forcedInitialPhases(seedFor(seed, index))). */
export function vowelTokenDescription(net: VowelNetwork, fs: readonly [number, number], seed: number, index: number): Description {
  return tokenCircuitDescription(vowelTokenCircuit(net, fs, seed, index));
}

/** Mean frequencies (MHz) of the oscillators over the last `window` (s) of a run. */
export function runFrequencies(result: SimResult, n: number, window: number): number[] {
  const time = result.variables.time;
  const T = time[time.length - 1];
  const fref = stnoPhase.params.fref.default;
  return Array.from({ length: n }, (_, i) => meanFrequency(time, result.variables[`v(${oscillatorPhaseNet(i)})`], T - window, T, fref) / 1e6);
}

/** Runs a token's circuit (in a pool worker or in-thread) and returns its mean frequencies (MHz). */
export async function runTokenCircuit(c: TokenCircuit, engine: EngineName, timeoutMs?: number): Promise<number[]> {
  const result = await runDescription(tokenCircuitDescription(c), { engine, timeoutMs });
  return runFrequencies(result, c.biasCurrents.length, c.settings.window);
}

/** Locks (D <= 1 against the nominal injection k_s, what the read-out knows) and class of mean frequencies fbar (MHz). */
export function tokenReadout(fbar: number[], fs: readonly [number, number], injectionHz: readonly number[], decoder: PatternDecoder): TokenReadout {
  const D = desynchronizations(fbar, fs, fbar.length, injectionHz.map((k) => k / 1e6));
  return { fbar, pattern: patternOf(D[0]), predicted: decode(D, decoder)[0] };
}

/** Reads a token's run: f_bar over the last `window` of the run, locks (D <= 1) and the class through the network's code. */
export function readVowelRun(net: VowelNetwork, result: SimResult, fs: readonly [number, number]): TokenReadout {
  const { n, settings } = net.description;
  return tokenReadout(runFrequencies(result, n, settings.window), fs, settings.injection, net.decoder);
}

/** The surrogate's answer for the same token (same initial phases as vowelTokenDescription(net, fs, seed, index)). */
export function surrogateTokenReadout(net: VowelNetwork, fs: readonly [number, number], seed: number, index: number): TokenReadout {
  const F = net.frequencyValues([fs]);
  const p = readPrediction(net, F, operatorOf(net).evaluate(F.flat(), fs, [seedFor(seed, index)], false).fbar, [fs]);
  return { fbar: p.fbar[0], pattern: p.patterns[0], predicted: p.predicted[0] };
}
