// STNO as a phase oscillator (paper 000, PHYSICS.md section 1): tunable natural frequency, Kuramoto coupling, phase noise.
import { defineDevice } from './device.ts';

/**
 * stnoPhase — phase of a spin-torque nano-oscillator in a frame rotating at `fref`:
 *   F      = softclip(F0 + kappa * I_bias, Fmin, Fmax)            natural frequency (Hz), I_bias = v(bias)/Rj
 *   dphi/dt = 2*pi*(F - fref + k*(cos(phi)*S - sin(phi)*C))       phi = theta - 2*pi*fref*t (rad)
 * with S = sum_j sin(phi_j), C = sum_j cos(phi_j) read from the shared RF line (a `phaseBus`), the exact mean-field
 * form of k*sum_j sin(theta_j - theta_i). Mean frequency over a window = fref + delta(phi)/(2*pi*window).
 * Phase noise (eq. 8): dphi gets sqrt(2*pi*linewidth) dW, so an isolated oscillator's Var[phi] grows as 2*pi*linewidth*t.
 * The rotating frame keeps the node at |phi| <~ 2*pi*90 MHz*1 us instead of ~3800 rad, so ngspice's tolerances stay meaningful.
 */
export const stnoPhase = defineDevice({
  kind: 'stnoPhase',
  summary: 'STNO phase oscillator: F = F0 + kappa*I_bias clamped to its tuning range, Kuramoto coupling through a phaseBus, phase noise',
  doc: 'Vodenicarevic et al. (paper 000) eqs. 1, 2, 8; smooth clamp of width Fsoft replaces the min-max clip',
  ports: {
    bias: { role: 'through', doc: 'bias current input; the junction (Rj) to ground carries I_bias' },
    phase: { role: 'out', doc: 'phase state node phi (V = rad), rotating frame at fref' },
    busS: { role: 'out', doc: 'injects sin(phi) (A) into the RF line node S of a phaseBus' },
    busC: { role: 'out', doc: 'injects cos(phi) (A) into the RF line node C of a phaseBus' },
  },
  params: {
    F0: { unit: 'Hz', default: 4.4e8, min: 0, max: 1e11, doc: 'frequency extrapolated to zero bias (F = F0 + kappa*I)', spread: { kind: 'absolute', sigma: 2e6, doc: 'device-to-device frequency spread (assumed 2 MHz)' } },
    kappa: { unit: 'Hz/A', default: 4e10, min: -1e14, max: 1e14, doc: 'current tunability dF/dI (40 MHz/mA)', spread: { kind: 'relative', sigma: 0.02, doc: 'tunability spread (assumed 2 %)' } },
    Rj: { unit: 'ohm', default: 100, min: 1, max: 1e6, doc: 'junction resistance seen by the bias current' },
    Fmin: { unit: 'Hz', default: 5e8, min: 0, max: 1e11, doc: 'lower end of the tuning range (paper 000: 500 MHz)' },
    Fmax: { unit: 'Hz', default: 6.8e8, min: 0, max: 1e11, doc: 'upper end of the tuning range (paper 000: 680 MHz)' },
    Fsoft: { unit: 'Hz', default: 1e5, min: 1, max: 1e9, doc: 'width of the smooth clamp (softplus); F deviates from the hard clip by at most Fsoft*ln 2' },
    k: { unit: 'Hz', default: 1e7, min: 0, max: 1e10, doc: 'coupling strength felt from the RF line (paper 000: 10 MHz)', spread: { kind: 'relative', sigma: 0.05, doc: 'coupling spread (assumed 5 %)' }, trainable: false },
    fref: { unit: 'Hz', default: 5.9e8, min: 0, max: 1e11, doc: 'frequency of the rotating frame (numerical choice: centre of the tuning range)' },
    linewidth: { unit: 'Hz', default: 0, min: 0, max: 1e9, doc: 'FWHM linewidth Delta of the free-running oscillator (typical STNO: 1 MHz)' },
  },
  equations: {
    linearFrequency: 'F0 + kappa * Ibias',
    naturalFrequency:
      'Fmin + max(Fl - Fmin, 0) + Fsoft * log(1 + exp(-abs(Fl - Fmin) / Fsoft)) - max(Fl - Fmax, 0) - Fsoft * log(1 + exp(-abs(Fl - Fmax) / Fsoft))',
    phaseRate: '2 * pi * (F - fref + k * (cos(phi) * S - sin(phi) * C))',
  },
  states: { phase: { port: 'phase', unit: 'rad', doc: 'phase in the rotating frame', initial: 0 } },
  noise: { state: 'phase', rate: '2 * pi * linewidth' },
  dcPaths: [['bias', 'gnd'], ['phase', 'gnd']],
  subcircuit(render) {
    return [
      'Rj bias 0 {Rj}',
      `Bfreq freq 0 V=${render('naturalFrequency', { Fl: `(${render('linearFrequency', { Ibias: 'v(bias)/Rj' })})` })}`,
      `Bphase 0 phase I=${render('phaseRate', { F: 'v(freq)', phi: 'v(phase)', S: 'v(busS)', C: 'v(busC)' })}`,
      'Cphase phase 0 1',
      'Rleak phase 0 1e15',
      'Bsin 0 busS I=sin(v(phase))',
      'Bcos 0 busC I=cos(v(phase))',
    ];
  },
});

/** Natural frequency of an stnoPhase for a bias current (the same equations the subcircuit renders). */
export function stnoPhaseFrequency(params: Record<string, number>, biasCurrent: number): number {
  const Fl = stnoPhase.fn.linearFrequency({ ...params, Ibias: biasCurrent });
  return stnoPhase.fn.naturalFrequency({ ...params, Fl });
}

/** Bias current that puts the linear law at frequency F (inverse of F0 + kappa*I; F must lie inside the tuning range). */
export function stnoPhaseBiasFor(params: Record<string, number>, F: number): number {
  return (F - params.F0) / params.kappa;
}

