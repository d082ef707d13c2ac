// stnoPhase oscillators on one RF line, biased to chosen natural frequencies: the Adler pair and N-oscillator networks as descriptions.
import type { DescriptionInput } from '../spec/schema.ts';
import { stnoPhase, stnoPhaseBiasFor } from '../devices/stnoPhase.ts';

export interface NetworkRunOptions {
  /** Coupling k (Hz), default 10 MHz. */
  readonly k?: number;
  /** Initial phases theta_i(0) (rad); the rotating frame makes them the initial phase-node values. Default 0, 1, 2, ... */
  readonly phases?: readonly number[];
  /** Transient length (s), default 1 us. */
  readonly stop?: number;
  /** Largest time step (s), default 100 ps. */
  readonly tmax?: number;
  readonly reltol?: number;
}

/**
 * Description of N coupled STNOs (oscillators osc1..oscN, phase nodes p1..pN saved) at natural frequencies F (Hz,
 * inside the default tuning range) with coupling k: each bias current is stnoPhaseBiasFor the default device.
 */
export function oscillatorNetwork(F: readonly number[], opts: NetworkRunOptions = {}): DescriptionInput {
  const params = stnoPhase.defaults();
  const phases = opts.phases ?? F.map((_, i) => i);
  if (phases.length !== F.length) throw new RangeError(`need ${F.length} initial phases, got ${phases.length}`);
  const ids = F.map((_, i) => i + 1);
  return {
    name: `${F.length} coupled STNOs, F = ${F.join(', ')} Hz`,
    instances: [
      ...ids.map((i) => ({
        name: `osc${i}`,
        kind: 'stnoPhase',
        nets: { bias: `b${i}`, phase: `p${i}`, busS: 'S', busC: 'C' },
        params: { k: opts.k ?? 1e7 },
        initial: { phase: phases[i - 1] },
      })),
      { name: 'line', kind: 'phaseBus', nets: { S: 'S', C: 'C' } },
    ],
    sources: ids.map((i) => ({ name: `bias${i}`, type: 'I' as const, nets: { p: '0', n: `b${i}` }, dc: stnoPhaseBiasFor(params, F[i - 1]) })),
    analyses: [{ type: 'tran', step: 1e-10, stop: opts.stop ?? 1e-6, tmax: opts.tmax ?? 1e-10 }],
    options: { reltol: opts.reltol ?? 1e-6 },
    save: ids.map((i) => `p${i}`),
  };
}

/** Description of two coupled STNOs at natural frequencies F1, F2 (Hz) with coupling k, initial phases 0 and 1. */
export function oscillatorPair(F1: number, F2: number, opts: { k?: number; stop?: number; tmax?: number; reltol?: number } = {}): DescriptionInput {
  return { ...oscillatorNetwork([F1, F2], { ...opts, phases: [0, 1] }), name: `two coupled STNOs, F1 = ${F1} Hz, F2 = ${F2} Hz` };
}
