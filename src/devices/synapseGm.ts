// A programmable synapse: ideal linear transconductance (current-steering DAC / programmable conductance pair), signed.
import { defineDevice } from './device.ts';

/**
 * synapseGm — i = gm * (v(inp) - v(inn)) pushed out of `out` into its load; gm may be negative (differential pair
 * with swapped outputs). No clamp, no pole: the weight element of summing stages where the cmosGm driver that follows
 * carries the amplifier non-idealities. Linear, so it costs one matrix stamp and no behavioral evaluation per step.
 */
export const synapseGm = defineDevice({
  kind: 'synapseGm',
  summary: 'programmable synapse: signed linear transconductance into a summing node',
  doc: 'W [x; 1] as programmable transconductances into summing nodes (PHYSICS.md section 5)',
  ports: {
    inp: { role: 'in', doc: 'non-inverting input' },
    inn: { role: 'in', doc: 'inverting input' },
    out: { role: 'out', doc: 'output current into the load connected to out' },
  },
  params: {
    gm: { unit: 'A/V', default: 1e-3, min: -1, max: 1, doc: 'programmed transconductance (sign = weight sign)', spread: { kind: 'relative', sigma: 0.01, doc: 'programming error (assumed 1 %)' }, trainable: true },
  },
  equations: {},
  dcPaths: [],
  subcircuit() {
    return ['G1 0 out inp inn {gm}'];
  },
});
