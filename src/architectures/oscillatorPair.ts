// Two stnoPhase oscillators on one RF line, biased to chosen natural frequencies: the Adler experiment as a description.
import type { DescriptionInput } from '../spec/schema.ts';
import { stnoPhase, stnoPhaseBiasFor } from '../devices/stnoPhase.ts';

/** Description of two coupled STNOs at natural frequencies F1, F2 (Hz) with coupling k, phases saved. */
export function oscillatorPair(F1: number, F2: number, opts: { k?: number; stop?: number; tmax?: number; reltol?: number } = {}): DescriptionInput {
  const params = stnoPhase.defaults();
  const osc = (i: number) => ({
    name: `osc${i}`,
    kind: 'stnoPhase',
    nets: { bias: `b${i}`, phase: `p${i}`, busS: 'S', busC: 'C' },
    params: { k: opts.k ?? 1e7 },
    initial: { phase: i === 1 ? 0 : 1 },
  });
  return {
    name: `two coupled STNOs, F1 = ${F1} Hz, F2 = ${F2} Hz`,
    instances: [osc(1), osc(2), { name: 'line', kind: 'phaseBus', nets: { S: 'S', C: 'C' } }],
    sources: [
      { name: 'bias1', type: 'I', nets: { p: '0', n: 'b1' }, dc: stnoPhaseBiasFor(params, F1) },
      { name: 'bias2', type: 'I', nets: { p: '0', n: 'b2' }, dc: stnoPhaseBiasFor(params, F2) },
    ],
    analyses: [{ type: 'tran', step: 1e-10, stop: opts.stop ?? 1e-6, tmax: opts.tmax ?? 1e-10 }],
    options: { reltol: opts.reltol ?? 1e-6 },
    save: ['p1', 'p2'],
  };
}
