// Behavioral CMOS amplifiers: voltage gain (cmosAmp) and transconductance (cmosGm), with offset, output clamp and one pole.
import { defineDevice } from './device.ts';


/** cmosAmp — v(out) = clamp(gain*(v(inp) - v(inn)) + offset, vmin, vmax) through a single pole at fbw. */
export const cmosAmp = defineDevice({
  kind: 'cmosAmp',
  summary: 'behavioral voltage amplifier: gain, offset, output clamp, single-pole bandwidth',
  doc: 'amplification S between layers (paper 001), CMOS stages (PHYSICS.md section 5)',
  ports: {
    inp: { role: 'in', doc: 'non-inverting input' },
    inn: { role: 'in', doc: 'inverting input' },
    out: { role: 'out', doc: 'output voltage' },
  },
  params: {
    gain: { unit: 'V/V', default: 1, min: -1e6, max: 1e6, doc: 'voltage gain', spread: { kind: 'relative', sigma: 0.01, doc: 'gain mismatch (assumed 1 %)' }, trainable: true },
    offset: { unit: 'V', default: 0, min: -100, max: 100, doc: 'output offset', spread: { kind: 'absolute', sigma: 1e-3, doc: 'offset (assumed 1 mV)' } },
    vmin: { unit: 'V', default: -10, min: -1e6, max: 1e6, doc: 'lower output clamp' },
    vmax: { unit: 'V', default: 10, min: -1e6, max: 1e6, doc: 'upper output clamp' },
    fbw: { unit: 'Hz', default: 1e9, min: 1, max: 1e13, doc: 'bandwidth (single pole)' },
  },
  equations: {
    output: 'min(max(gain * u + offset, vmin), vmax)',
    poleCapacitance: '1 / (2 * pi * Rpole * fbw)',
  },
  dcPaths: [['out', 'gnd']],
  subcircuit(render) {
    return [
      `Bcore core 0 V=${render('output', { u: '(v(inp) - v(inn))' })}`,
      'Rpole core pole 1000',
      `Cpole pole 0 {${render('poleCapacitance', { Rpole: '1000' })}}`,
      'Eout out 0 pole 0 1',
    ];
  },
});

/** cmosGm — current clamp(gm*(v(inp) - v(inn)) + ioffset, imin, imax) pushed out of `out` into its load, single pole at fbw. */
export const cmosGm = defineDevice({
  kind: 'cmosGm',
  summary: 'behavioral transconductance amplifier: gm, offset, output current clamp, single-pole bandwidth',
  doc: 'voltage-to-current stages that set STNO bias currents and synaptic currents (PHYSICS.md section 5)',
  ports: {
    inp: { role: 'in', doc: 'non-inverting input' },
    inn: { role: 'in', doc: 'inverting input' },
    out: { role: 'out', doc: 'output current into the load connected to out' },
  },
  params: {
    gm: { unit: 'A/V', default: 1e-3, min: -1e3, max: 1e3, doc: 'transconductance', spread: { kind: 'relative', sigma: 0.01, doc: 'gain mismatch (assumed 1 %)' }, trainable: true },
    ioffset: { unit: 'A', default: 0, min: -1, max: 1, doc: 'output current offset', spread: { kind: 'absolute', sigma: 1e-6, doc: 'offset (assumed 1 uA)' } },
    imin: { unit: 'A', default: -1e-2, min: -10, max: 10, doc: 'lower output current clamp' },
    imax: { unit: 'A', default: 1e-2, min: -10, max: 10, doc: 'upper output current clamp' },
    fbw: { unit: 'Hz', default: 1e9, min: 1, max: 1e13, doc: 'bandwidth (single pole)' },
  },
  equations: {
    current: 'min(max(gm * u + ioffset, imin), imax)',
    poleCapacitance: '1 / (2 * pi * Rpole * fbw)',
  },
  dcPaths: [],
  subcircuit(render) {
    return [
      `Bcore core 0 V=${render('current', { u: '(v(inp) - v(inn))' })}`,
      'Rpole core pole 1000',
      `Cpole pole 0 {${render('poleCapacitance', { Rpole: '1000' })}}`,
      'Gout 0 out pole 0 1',
    ];
  },
});
