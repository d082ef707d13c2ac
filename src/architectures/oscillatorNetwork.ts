// N stnoPhase oscillators on one RF line, biased to chosen natural frequencies from chosen initial phases: a Kuramoto network as a description.
import type { DescriptionInput } from '../spec/schema.ts';
import { stnoPhase, stnoPhaseBiasFor } from '../devices/stnoPhase.ts';

export interface NetworkOptions {
  /** Coupling k (Hz), default 10 MHz. */
  k?: number;
  /** Simulated time (s), default 1 us; output step and TMAX (s), default 100 ps. */
  stop?: number;
  tmax?: number;
  reltol?: number;
}

/** Description of stnoPhase oscillators osc0..osc{n-1} at natural frequencies F (Hz), initial phases `phases` (rad), phase nets p0..p{n-1} saved. */
export function oscillatorNetwork(F: readonly number[], phases: readonly number[], opts: NetworkOptions = {}): DescriptionInput {
  if (phases.length !== F.length) throw new RangeError(`${F.length} frequencies but ${phases.length} initial phases`);
  const params = stnoPhase.defaults();
  const tmax = opts.tmax ?? 1e-10;
  return {
    name: `${F.length} coupled STNOs`,
    instances: [
      ...F.map((_, i) => ({
        name: `osc${i}`,
        kind: 'stnoPhase',
        nets: { bias: `b${i}`, phase: `p${i}`, busS: 'S', busC: 'C' },
        params: { k: opts.k ?? 1e7 },
        initial: { phase: phases[i] },
      })),
      { name: 'line', kind: 'phaseBus', nets: { S: 'S', C: 'C' } },
    ],
    sources: F.map((f, i) => ({ name: `bias${i}`, type: 'I' as const, nets: { p: '0', n: `b${i}` }, dc: stnoPhaseBiasFor(params, f) })),
    analyses: [{ type: 'tran', step: tmax, stop: opts.stop ?? 1e-6, tmax }],
    options: { reltol: opts.reltol ?? 1e-6 },
    save: F.map((_, i) => `p${i}`),
  };
}
