// The shared RF line that couples stnoPhase oscillators all-to-all (mean-field sums S and C as node voltages).
import { defineDevice } from './device.ts';

/**
 * phaseBus — every stnoPhase on the line injects sin(phi) and cos(phi) as currents into 1-ohm loads, so
 * v(S) = sum_j sin(phi_j) and v(C) = sum_j cos(phi_j); each oscillator then feels
 * k*(cos(phi_i)*S - sin(phi_i)*C) = k*sum_j sin(phi_j - phi_i) (its own term cancels). O(N) instead of O(N^2) sources.
 */
export const phaseBus = defineDevice({
  kind: 'phaseBus',
  summary: 'RF line coupling stnoPhase oscillators all-to-all (mean-field Kuramoto sums)',
  doc: 'exact identity sum_j sin(th_j - th_i) = cos(th_i)*S - sin(th_i)*C (ARCHITECTURE.md: 92x faster than pairwise at N = 96)',
  ports: {
    S: { role: 'through', doc: 'sum of sin(phi_j) (V)' },
    C: { role: 'through', doc: 'sum of cos(phi_j) (V)' },
  },
  params: {},
  equations: {},
  dcPaths: [['S', 'gnd'], ['C', 'gnd']],
  subcircuit() {
    return ['RS S 0 1', 'RC C 0 1'];
  },
});
