// First-order RC high-pass filter (paper 001, between layers): series C, shunt R, corner f_cut = 1/(2 pi R C).
import { defineDevice } from './device.ts';

/** highPass — H(s) = s*R*C/(1 + s*R*C); -3 dB at fcut; step response e^{-2 pi fcut t}. In the time domain dy/dt = -2 pi fcut y + du/dt. */
export const highPass = defineDevice({
  kind: 'highPass',
  summary: 'first-order RC high-pass filter with corner fcut',
  doc: 'Plouet et al. (paper 001): f_cut = 1 MHz between layers',
  ports: {
    in: { role: 'in', doc: 'input (series capacitor)' },
    out: { role: 'out', doc: 'output (shunt resistor to ground)' },
  },
  params: {
    fcut: { unit: 'Hz', default: 1e6, min: 1, max: 1e12, doc: 'corner frequency 1/(2 pi R C) (paper 001: 1 MHz)', spread: { kind: 'relative', sigma: 0.01, doc: 'capacitor tolerance (assumed 1 %)' } },
    R: { unit: 'ohm', default: 1e3, min: 1e-3, max: 1e9, doc: 'shunt resistor', spread: { kind: 'relative', sigma: 0.01, doc: 'resistor tolerance (assumed 1 %)' } },
  },
  equations: {
    capacitance: '1 / (2 * pi * R * fcut)',
  },
  dcPaths: [['out', 'gnd']],
  subcircuit(render) {
    return [`C1 in out {${render('capacitance')}}`, 'R1 out 0 {R}'];
  },
});
