// Back-annotation of a trained vowel network into ngspice: one deck per token (bias currents + two rfSources), read-out of a run, surrogate twin.
import { meanFrequency } from '../../analysis/phase.ts';
import { powerForInjection, rfSource } from '../../devices/rfSource.ts';
import { stnoPhase } from '../../devices/stnoPhase.ts';
import { seedFor } from '../../random/rng.ts';
import { resolveDescription } from '../../spec/resolve.ts';
import type { Description } from '../../spec/description.ts';
import type { SimResult } from '../../sim/result.ts';
import { forcedInitialPhases } from '../../surrogate/forced/kernel.ts';
import { forcedNetwork, oscillatorPhaseNet } from '../forcedNetwork.ts';
import type { VowelNetwork } from './model.ts';
import { decode, desynchronizations, patternOf, type LockPattern } from './readout.ts';
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

/**
 * The resolved circuit of token `index` of a study seeded with `seed` (source frequencies fs in MHz): four stnoPhase
 * oscillators biased at the network's currents (the extended network's W [z; 1] evaluated for this token, i.e. what
 * its CMOS summing stage would deliver), two rfSources of power Posc (k_s / k)^2 so that k*sqrt(P/Posc) = k_s, and
 * the initial phases the surrogate draws for the same token (forcedInitialPhases(seedFor(seed, index))).
 * Requires mutual coupling k > 0: injection reaches an oscillator through the same line coupling. `overrides[i]` sets
 * stnoPhase parameters of oscillator i (a Monte Carlo sample of F0, kappa, k); the bias currents stay those computed
 * for the nominal devices, as on a chip programmed once.
 */
export function vowelTokenDescription(
  net: VowelNetwork,
  fs: readonly [number, number],
  seed: number,
  index: number,
  overrides?: readonly Readonly<Record<string, number>>[],
): Description {
  const { n, settings } = net.description;
  if (!(settings.coupling > 0)) throw new Error('the circuit needs mutual coupling k > 0: sources inject through the line (k_s = k sqrt(P/Posc))');
  const Posc = rfSource.params.Posc.default;
  const phases = forcedInitialPhases(seedFor(seed, index), n, 2);
  return resolveDescription(
    forcedNetwork({
      name: `vowel token ${index}: f_A = ${fs[0].toFixed(3)} MHz, f_B = ${fs[1].toFixed(3)} MHz`,
      biasCurrents: net.biasCurrents([fs])[0],
      sources: fs.map((f, s) => ({ f: f * 1e6, P: powerForInjection(settings.injection[s], settings.coupling, Posc), phi0: phases.sources[s] })),
      oscillator: { k: settings.coupling },
      oscillatorOverrides: overrides,
      Posc,
      initialPhases: phases.oscillators,
      stop: settings.duration,
      tmax: CIRCUIT_TMAX,
    }),
  );
}

/** Reads a token's run: f_bar over the last `window` of the run, locks (D <= 1) and the class through the network's code. */
export function readVowelRun(net: VowelNetwork, result: SimResult, fs: readonly [number, number]): TokenReadout {
  const { n, settings } = net.description;
  const time = result.variables.time;
  const T = time[time.length - 1];
  const fref = stnoPhase.params.fref.default;
  const fbar = Array.from({ length: n }, (_, i) => meanFrequency(time, result.variables[`v(${oscillatorPhaseNet(i)})`], T - settings.window, T, fref) / 1e6);
  const D = desynchronizations(fbar, fs, n, settings.injection.map((k) => k / 1e6));
  return { fbar, pattern: patternOf(D[0]), predicted: decode(D, net.decoder)[0] };
}

/** The surrogate's answer for the same token (same initial phases as vowelTokenDescription(net, fs, seed, index)). */
export function surrogateTokenReadout(net: VowelNetwork, fs: readonly [number, number], seed: number, index: number): TokenReadout {
  const F = net.frequencyValues([fs]);
  const p = readPrediction(net, F, operatorOf(net).evaluate(F.flat(), fs, [seedFor(seed, index)], false).fbar, [fs]);
  return { fbar: p.fbar[0], pattern: p.patterns[0], predicted: p.predicted[0] };
}
