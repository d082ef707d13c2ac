// An external RF source on the oscillators' line (paper 003, Romera et al. 2018): frequency, power, phase in the rotating frame.
import { defineDevice } from './device.ts';

/**
 * rfSource — a microwave source of frequency f and power P driving the RF line of a phaseBus. It adds its phasor,
 * scaled to the line's unit (the power Posc one oscillator emits), to the line sums:
 *   a = sqrt(P / Posc)                         amplitude relative to one oscillator (RF amplitude ~ sqrt(power))
 *   phi_s = phi0 + 2*pi*(f - fref)*time         phase in the frame rotating at fref (the oscillators' frame)
 *   S += a*sin(phi_s),  C += a*cos(phi_s)
 * Every stnoPhase on the line then feels k*a*sin(phi_s - phi_i) on top of the mutual coupling: forced Kuramoto with
 * injection strength k_in = k*sqrt(P/Posc). One oscillator locks to the source iff |F - f| <= k_in; outside, it beats at
 * sqrt((F - f)^2 - k_in^2) (Adler). The source itself feels nothing (an ideal generator).
 */
export const rfSource = defineDevice({
  kind: 'rfSource',
  summary: 'RF source on the oscillators\' line: frequency f, power P; injects k*sqrt(P/Posc)*sin(phi_s - phi_i) into every stnoPhase on it',
  doc: 'Romera et al., Nature 563, 230 (2018) (paper 003): oscillators driven by microwave inputs f_A, f_B; Adler injection locking',
  ports: {
    phase: { role: 'out', doc: 'source phase phi_s in the frame rotating at fref (V = rad), for read-out' },
    busS: { role: 'out', doc: 'injects a*sin(phi_s) (A) into the RF line node S of a phaseBus' },
    busC: { role: 'out', doc: 'injects a*cos(phi_s) (A) into the RF line node C of a phaseBus' },
  },
  params: {
    f: { unit: 'Hz', default: 5.9e8, min: 0, max: 1e11, doc: 'source frequency f_s' },
    P: { unit: 'W', default: 4e-6, min: 0, max: 1, doc: 'RF power delivered to the line (default 4 Posc: k_in = 2k)' },
    Posc: { unit: 'W', default: 1e-6, min: 1e-15, max: 1, doc: 'RF power one oscillator emits onto the line (the unit of line amplitude; vortex STNOs ~ 1 uW)' },
    phi0: { unit: 'rad', default: 0, min: -1e3, max: 1e3, doc: 'source phase at t = 0' },
    fref: { unit: 'Hz', default: 5.9e8, min: 0, max: 1e11, doc: 'frame frequency: must equal the fref of the oscillators on the line' },
  },
  equations: {
    amplitude: 'sqrt(P / Posc)',
    phase: 'phi0 + 2 * pi * (f - fref) * time',
  },
  dcPaths: [['phase', 'gnd']],
  subcircuit(render) {
    return [
      `Bphase phase 0 V=${render('phase')}`,
      `Bsin 0 busS I=${render('amplitude')} * sin(v(phase))`,
      `Bcos 0 busC I=${render('amplitude')} * cos(v(phase))`,
    ];
  },
});

/** Injection strength k_in (Hz) a source of power P gives an oscillator of line coupling k: k*sqrt(P/Posc). */
export function injectionStrength(k: number, P: number, Posc: number): number {
  return k * rfSource.fn.amplitude({ P, Posc });
}

/** Source power (W) that gives injection strength kIn (Hz) to an oscillator of line coupling k (inverse of injectionStrength). */
export function powerForInjection(kIn: number, k: number, Posc: number): number {
  return Posc * (kIn / k) ** 2;
}
