// STNOs on one RF line driven by external RF sources (paper 003's circuit) as a description: biases, sources, phases saved.
import type { DescriptionInput } from '../spec/schema.ts';
import { stnoPhase } from '../devices/stnoPhase.ts';
import { rfSource } from '../devices/rfSource.ts';

/** One RF input: frequency (Hz), power (W) and starting phase (rad, default 0). */
export interface RfInput {
  readonly f: number;
  readonly P: number;
  readonly phi0?: number;
}

export interface ForcedNetworkSpec {
  readonly name?: string;
  /** Bias current of each oscillator (A); the oscillator count. */
  readonly biasCurrents: readonly number[];
  readonly sources: readonly RfInput[];
  /** stnoPhase parameters shared by every oscillator (F0, kappa, k, fref, Fmin, Fmax, ...); defaults otherwise. */
  readonly oscillator?: Readonly<Record<string, number>>;
  /** Per-oscillator overrides on top of `oscillator` (e.g. sampled mismatch of F0, kappa, k), index i for oscillator i. */
  readonly oscillatorOverrides?: readonly Readonly<Record<string, number>>[];
  /** Power one oscillator emits onto the line (W), the rfSource's Posc; default the device's. */
  readonly Posc?: number;
  /** Initial phases of the oscillators (rad) in the rotating frame; default 0. */
  readonly initialPhases?: readonly number[];
  readonly stop?: number;
  readonly tmax?: number;
  readonly reltol?: number;
}

/** Net of oscillator i's phase ("p1", "p2", ...) and of source s's phase ("q1", ...): the saved vectors v(pi), v(qs). */
export const oscillatorPhaseNet = (i: number) => `p${i + 1}`;
export const sourcePhaseNet = (s: number) => `q${s + 1}`;

/** Oscillators 1..N (stnoPhase) and sources 1..M (rfSource) on one phaseBus, biased by DC current sources. */
export function forcedNetwork(spec: ForcedNetworkSpec): DescriptionInput {
  const oscillator = { ...spec.oscillator };
  const fref = oscillator.fref ?? stnoPhase.params.fref.default;
  const n = spec.biasCurrents.length;
  return {
    name: spec.name ?? `${n} STNOs driven by ${spec.sources.length} RF sources`,
    instances: [
      ...spec.biasCurrents.map((_, i) => ({
        name: `osc${i + 1}`,
        kind: 'stnoPhase',
        nets: { bias: `b${i + 1}`, phase: oscillatorPhaseNet(i), busS: 'S', busC: 'C' },
        params: { ...oscillator, ...spec.oscillatorOverrides?.[i] },
        initial: { phase: spec.initialPhases?.[i] ?? 0 },
      })),
      ...spec.sources.map((s, j) => ({
        name: `rf${j + 1}`,
        kind: 'rfSource',
        nets: { phase: sourcePhaseNet(j), busS: 'S', busC: 'C' },
        params: { f: s.f, P: s.P, Posc: spec.Posc ?? rfSource.params.Posc.default, phi0: s.phi0 ?? 0, fref },
      })),
      { name: 'line', kind: 'phaseBus', nets: { S: 'S', C: 'C' } },
    ],
    sources: spec.biasCurrents.map((I, i) => ({ name: `bias${i + 1}`, type: 'I' as const, nets: { p: '0', n: `b${i + 1}` }, dc: I })),
    analyses: [{ type: 'tran', step: spec.tmax ?? 1e-10, stop: spec.stop ?? 1e-6, tmax: spec.tmax ?? 1e-10 }],
    options: { reltol: spec.reltol ?? 1e-6 },
    save: [...spec.biasCurrents.map((_, i) => oscillatorPhaseNet(i)), ...spec.sources.map((_, j) => sourcePhaseNet(j))],
  };
}
