// STNO as a static activation (paper 002 eq. 5): emitted RF power versus DC current, with threshold and input clamp.
import { defineDevice } from './device.ts';

/**
 * stnoActivation — p = (I/Ith - 1)/(I/Ith + Q) for I > Ith, else 0, with I = min(I_dc, Imax) (paper 002 eq. 5).
 * The DC current flows into `in` through the junction Rin; `pout` carries the emitted power P = Pmax*p in uW (1 V = 1 uW).
 */
export const stnoActivation = defineDevice({
  kind: 'stnoActivation',
  summary: 'STNO activation: normalized RF power vs DC current with threshold Ith, Q and input clamp Imax',
  doc: 'Leroux et al. (paper 002) eq. 5: Q = 2, Ith = 2 mA, clamp at 8 mA',
  ports: {
    in: { role: 'through', doc: 'DC current input; the junction Rin to ground carries I_dc' },
    pout: { role: 'out', doc: 'emitted RF power P = Pmax*p (V = uW)' },
  },
  params: {
    Ith: { unit: 'A', default: 2e-3, min: 1e-6, max: 1, doc: 'threshold current (paper 002: 2 mA)', spread: { kind: 'relative', sigma: 0.05, doc: 'threshold spread (assumed 5 %)' } },
    Q: { unit: '', default: 2, min: 0, max: 100, doc: 'nonlinear damping coefficient Q (paper 002: 2)', spread: { kind: 'relative', sigma: 0.05, doc: 'assumed 5 %' } },
    Imax: { unit: 'A', default: 8e-3, min: 1e-6, max: 1, doc: 'input current clamp (paper 002: 8 mA)' },
    Rin: { unit: 'ohm', default: 100, min: 1e-3, max: 1e6, doc: 'junction resistance' },
    Pmax: { unit: 'W', default: 1e-6, min: 1e-12, max: 1, doc: 'power at p = 1 (sets the power scale; 0.1-1 uW typical)' },
  },
  equations: {
    normalizedPower: 'min(I, Imax) > Ith ? (min(I, Imax) / Ith - 1) / (min(I, Imax) / Ith + Q) : 0',
  },
  dcPaths: [['in', 'gnd'], ['pout', 'gnd']],
  subcircuit(render) {
    return ['Rin in 0 {Rin}', `Bp pout 0 V=1e6 * Pmax * (${render('normalizedPower', { I: '(v(in)/Rin)' })})`];
  },
});
