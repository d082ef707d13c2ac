// CMOS max selector of four voltages: the 2x2 max pooling between resonator chains and STNO neurons (paper 002).
import { defineDevice } from './device.ts';

/**
 * maxPool — v(out) = max(v(in1), v(in2), v(in3), v(in4)): a behavioral winner-take-all stage; paper 002 (section 1.4)
 * leaves max pooling to CMOS. Inputs are the voltages of the four resonator chains of a 2x2 pooling window.
 */
export const maxPool = defineDevice({
  kind: 'maxPool',
  summary: 'CMOS max selector: v(out) = max of four input voltages (2x2 max pooling)',
  doc: 'max pooling in CMOS between resonator chains and STNOs (Leroux et al., paper 002, section 1.4)',
  ports: {
    in1: { role: 'in', doc: 'first chain voltage' },
    in2: { role: 'in', doc: 'second chain voltage' },
    in3: { role: 'in', doc: 'third chain voltage' },
    in4: { role: 'in', doc: 'fourth chain voltage' },
    out: { role: 'out', doc: 'the largest input voltage' },
  },
  params: {},
  equations: {
    output: 'max(max(a, b), max(c, d))',
  },
  dcPaths: [['out', 'gnd']],
  subcircuit(render) {
    return [`Bout out 0 V=${render('output', { a: 'v(in1)', b: 'v(in2)', c: 'v(in3)', d: 'v(in4)' })}`];
  },
});
