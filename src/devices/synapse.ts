// Linear synaptic transconductance (paper 001 weights at circuit level): an ideal VCCS, no behavioral source.
import { defineDevice } from './device.ts';

/**
 * synapse — i(out) = g*(v(inp) - v(inn)), pushed into the node `out` (a summing node with its load elsewhere).
 * Stands for a programmable differential conductance pair G+ - G- (sign = which line conducts) reading the
 * presynaptic voltage into a virtual-ground summing node; rendered as one linear G element, so thousands of
 * synapses cost the simulator only matrix stamps.
 */
export const synapse = defineDevice({
  kind: 'synapse',
  summary: 'linear synaptic transconductance i(out) = g*(v(inp) - v(inn)) into a summing node',
  doc: 'weights of the layered STNO network (paper 001) as transconductances summing into each neuron drive (PHYSICS.md section 5)',
  ports: {
    inp: { role: 'in', doc: 'presynaptic voltage (non-inverting)' },
    inn: { role: 'in', doc: 'reference (inverting input), usually ground' },
    out: { role: 'out', doc: 'summing node the current is pushed into' },
  },
  params: {
    g: { unit: 'A/V', default: 1e-4, min: -1, max: 1, doc: 'signed transconductance (weight)', spread: { kind: 'relative', sigma: 0.02, doc: 'conductance mismatch (assumed 2 %)' }, trainable: true },
  },
  equations: {},
  dcPaths: [],
  subcircuit() {
    return ['Gsyn 0 out inp inn {g}'];
  },
});
