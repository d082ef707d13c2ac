// The shared RF line that couples stnoAmplitude oscillators all-to-all by injection (sum of complex amplitudes as two node voltages).
import { defineDevice } from './device.ts';

/**
 * amplitudeBus — every stnoAmplitude on the line injects Re c and Im c as currents into 1-ohm loads, so
 * v(re) + i*v(im) = sum_j c_j; each oscillator feels 2*pi*k*exp(i*beta)*(sum_j c_j - c_i) (its own term subtracted).
 * The complex-amplitude counterpart of `phaseBus`: O(N) sources for all-to-all injection.
 */
export const amplitudeBus = defineDevice({
  kind: 'amplitudeBus',
  summary: 'RF line coupling stnoAmplitude oscillators all-to-all (sum of complex amplitudes)',
  doc: 'mean-field injection sum_j c_j (Slavin & Tiberkevich 2009: mutual injection of auto-oscillators)',
  ports: {
    re: { role: 'through', doc: 'sum of Re c_j (V)' },
    im: { role: 'through', doc: 'sum of Im c_j (V)' },
  },
  params: {},
  equations: {},
  dcPaths: [['re', 'gnd'], ['im', 'gnd']],
  subcircuit() {
    return ['Rre re 0 1', 'Rim im 0 1'];
  },
});
