// Spin-diode resonator (paper 002 eq. 6): rectified DC voltage = RF power x anti-Lorentzian weight; chains sum in series.
import { formatSpiceNumber as num } from '../units/spiceNumber.ts';
import { defineDevice } from './device.ts';

/** Volts per rectified microvolt: the rf port carries uW as volts and the weight is in uV/uW. */
const VOLTS_PER_UV = 1e-6;

/**
 * spinDiode — V = P * W(f, fres),  W = f*(f - fres)/(alpha^2*fres^2 + (f - fres)^2) * A   (paper 002 eq. 6).
 * Zero at f = fres, extremes near f - fres = +-alpha*fres. The rectified voltage appears in series between p and n,
 * so resonators stacked p-to-n form a chain whose voltage is the sum (multiply-and-accumulate).
 * `f` is the frequency of the RF channel that reaches this resonator (from the layer's frequency plan).
 * Flat, the same resonator is one linear VCVS in series, E p n rf 0 with the literal gain 1e-6 * W (its parameters are fixed).
 */
export const spinDiode = defineDevice({
  kind: 'spinDiode',
  summary: 'spin-diode resonator: series DC voltage P*W(f, fres), anti-Lorentzian weight',
  doc: 'Leroux et al. (paper 002) eq. 6 (anti-symmetric Lorentzian); alpha = 0.01, A = 1 uV/uW',
  ports: {
    rf: { role: 'in', doc: 'RF power P arriving at the resonator (V = uW)' },
    p: { role: 'out', doc: 'positive end of the rectified voltage' },
    n: { role: 'out', doc: 'negative end (chain towards ground)' },
  },
  params: {
    fres: { unit: 'Hz', default: 1.5e9, min: 1e6, max: 1e12, doc: 'resonance frequency (trained)', spread: { kind: 'relative', sigma: 1e-3, doc: 'sigma = 0.1 of the linewidth alpha*fres (paper 002 eq. 4, sigma = 0.1)' }, trainable: true },
    f: { unit: 'Hz', default: 1.5e9, min: 1e6, max: 1e12, doc: 'frequency of the incoming RF channel' },
    alpha: { unit: '', default: 0.01, min: 1e-5, max: 1, doc: 'magnetic damping (permalloy: 0.01)', spread: { kind: 'relative', sigma: 0.02, doc: 'assumed 2 %' } },
    A: { unit: 'V/W', default: 1, min: 0, max: 1e6, doc: 'rectification sensitivity (1 uV/uW)' },
  },
  equations: {
    weight: 'f * (f - fres) / (alpha^2 * fres^2 + (f - fres)^2) * A',
  },
  dcPaths: [['p', 'n']],
  subcircuit(render) {
    return [`Bv p n V=${num(VOLTS_PER_UV)} * v(rf) * (${render('weight')})`];
  },
  flat(r) {
    return [`E${r.name} ${r.net('p')} ${r.net('n')} ${r.net('rf')} 0 ${num(VOLTS_PER_UV * r.value('weight'))}`];
  },
});
