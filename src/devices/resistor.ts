// A plain resistor (loads, summing nodes, current-setting resistors) so descriptions need no raw SPICE.
import { defineDevice } from './device.ts';

/** resistor — v(p) - v(n) = R*i. */
export const resistor = defineDevice({
  kind: 'resistor',
  summary: 'linear resistor',
  doc: 'Ohm\'s law',
  ports: {
    p: { role: 'through', doc: 'terminal' },
    n: { role: 'through', doc: 'terminal' },
  },
  params: {
    R: { unit: 'ohm', default: 1e3, min: 1e-6, max: 1e15, doc: 'resistance', spread: { kind: 'relative', sigma: 0.01, doc: 'tolerance (assumed 1 %)' } },
  },
  equations: {},
  dcPaths: [['p', 'n']],
  subcircuit() {
    return ['R1 p n {R}'];
  },
});
