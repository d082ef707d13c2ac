// Spin-diode resonator at RF (paper 002 section 3.2): magnetization as a resonant tank driven by its field line, rectification by mixing.
import { defineDevice } from './device.ts';

/**
 * spinDiodeRf — the waveform-level parent of spinDiode. The field-line current i (through Rline + Lline) drives the magnetization,
 * a parallel RLC tank at fres with half width alpha*fres (tank voltage m). The line's inductive emf Lline di/dt induces an RF current
 * (emf / Rline) in the junction; the junctions of a chain are in series, so every resonator injects it into the chain's bus, whose
 * 1-ohm load (a resistor instance, value Rbus) makes v(bus) the chain's RF current. Each resonator rectifies by mixing,
 * v = kappa * m * v(bus), low-passed by an RC at fcut, in series between p and n. Near resonance the DC part is
 * P * f (f - fres) / (alpha^2 fres^2 + (f - fres)^2) * A for a line power P = Rline i0^2 / 2 (kappa sets A); two channels at
 * different frequencies give no DC, only beats at their difference, which the low-pass must remove (crosstalk).
 */
export const spinDiodeRf = defineDevice({
  kind: 'spinDiodeRf',
  summary: 'RF spin-diode resonator: field-line-driven tank (linewidth alpha*fres), rectification by mixing with the chain current, RC low-pass',
  doc: 'Leroux et al. (paper 002) section 3.2 and eq. 6; mixing of the induced RF current with the magnetization (Tulapurkar 2005)',
  ports: {
    lp: { role: 'through', doc: 'field line in (the STNO current enters here)' },
    ln: { role: 'through', doc: 'field line out' },
    bus: { role: 'through', doc: "chain RF current bus: induced current injected, v(bus) read as the chain's RF current (1-ohm load)" },
    p: { role: 'out', doc: 'positive end of the low-passed rectified voltage' },
    n: { role: 'out', doc: 'negative end (chain towards ground)' },
  },
  params: {
    fres: { unit: 'Hz', default: 1.5e9, min: 1e6, max: 1e12, doc: 'resonance frequency' },
    alpha: { unit: '', default: 0.01, min: 1e-5, max: 1, doc: 'magnetic damping: tank half width alpha*fres (permalloy: 0.01)' },
    A: { unit: 'V/W', default: 1, min: 0, max: 1e6, doc: 'rectification sensitivity (1 uV/uW)' },
    Rline: { unit: 'ohm', default: 50, min: 1e-3, max: 1e6, doc: 'field-line resistance (sets P = Rline i0^2 / 2)' },
    Lline: { unit: 'H', default: 1e-9, min: 1e-15, max: 1, doc: 'field-line inductance (its emf induces the junction current)' },
    Ctank: { unit: 'F', default: 1e-12, min: 1e-18, max: 1, doc: 'tank capacitance (a normalization: the DC output does not depend on it)' },
    Rbus: { unit: 'ohm', default: 1, min: 1e-3, max: 1e6, doc: "load of the chain's bus (must equal the bus resistor)" },
    fcut: { unit: 'Hz', default: 1e7, min: 1, max: 1e12, doc: 'corner of the RC low-pass after the mixer' },
  },
  equations: {
    tankInductance: '1 / ((2 * pi * fres)^2 * Ctank)',
    tankResistance: '1 / (4 * pi * alpha * fres * Ctank)',
    kappa: '-2 * Ctank * Rline^2 * A / (Lline * Rbus)',
    rectified: 'kappa * m * b',
    lowPassCapacitance: '1 / (2 * pi * Rlp * fcut)',
  },
  dcPaths: [['lp', 'ln'], ['p', 'n']],
  subcircuit(render) {
    return [
      'Rl lp x {Rline}',
      'Ll x ln {Lline}',
      'Gdrive 0 m lp x {1/Rline}',
      `Rt m 0 {${render('tankResistance')}}`,
      `Lt m 0 {${render('tankInductance')}}`,
      'Ct m 0 {Ctank}',
      'Gind 0 bus x ln {1/Rline}',
      `Bmix mix 0 V=${render('rectified', { kappa: `(${render('kappa')})`, m: 'v(m)', b: 'v(bus)' })}`,
      'Rlp mix lpo 1000',
      `Clp lpo 0 {${render('lowPassCapacitance', { Rlp: '1000' })}}`,
      'Eout p n lpo 0 1',
    ];
  },
});
