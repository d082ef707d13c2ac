// Device physics of the RF CNN, taken from the device files: spin-diode weight (paper 002 eq. 6-7) and STNO activation (eq. 5), in tfjs.
import * as tf from '@tensorflow/tfjs';
import { spinDiode } from '../../devices/spinDiode.ts';
import { stnoActivation } from '../../devices/stnoActivation.ts';
import { toTfjs } from '../../equations/tfjs.ts';

/**
 * Constants of the spintronic network in the surrogate's units: powers in uW, chain voltages in uV, currents in mA.
 * Device values come from the device tables (alpha, A, Ith, Q, Imax, Pmax); A = 1 V/W = 1 uV/uW.
 */
export interface CnnPhysics {
  /** Magnetic damping of the resonators (spinDiode.alpha). */
  readonly alpha: number;
  /** Rectification sensitivity, uV/uW (= V/W, spinDiode.A). */
  readonly A: number;
  /** STNO threshold current, mA (stnoActivation.Ith). */
  readonly IthMa: number;
  /** STNO nonlinear damping Q (stnoActivation.Q). */
  readonly Q: number;
  /** STNO input clamp, mA (stnoActivation.Imax). */
  readonly ImaxMa: number;
  /** STNO emitted power at p = 1, uW (stnoActivation.Pmax). */
  readonly PmaxUw: number;
  /** RF power of an input pixel at full scale, uW (paper 002 section 1.5: ~0.1-1 uW per synapse). */
  readonly inputPowerUw: number;
}

const sd = spinDiode.defaults();
const st = stnoActivation.defaults();

/** The device defaults (paper 002 values) in surrogate units; full-scale pixels emit 1 uW. */
export const PAPER_PHYSICS: CnnPhysics = {
  alpha: sd.alpha,
  A: sd.A,
  IthMa: st.Ith * 1e3,
  Q: st.Q,
  ImaxMa: st.Imax * 1e3,
  PmaxUw: st.Pmax * 1e6,
  inputPowerUw: 1,
};

const weightTf = toTfjs(spinDiode.parsed.weight);
const powerTf = toTfjs(stnoActivation.parsed.normalizedPower);

/**
 * The spin-diode weight W(f, fres) (uV/uW) of the device equation, evaluated in units of the channel frequency:
 * W is homogeneous of degree 0 in (f, fres), so f = 1 and fres = fresOverF give the same value as the SI form.
 */
export function weightAtRatio(fresOverF: tf.Tensor, physics: CnnPhysics): tf.Tensor {
  return weightTf({ f: 1, fres: fresOverF, alpha: physics.alpha, A: physics.A });
}

/**
 * Normalized emitted power p (eq. 5) of the device equation, for currents in mA (homogeneous in I, Ith, Imax). Currents are
 * floored at 0 first, which changes no value (p = 0 below Ith > 0) but keeps the unselected branch's denominator I/Ith + Q
 * away from 0, where tf.where's gradient would turn 0 * inf into NaN.
 */
export function stnoNormalizedPower(currentMa: tf.Tensor, physics: CnnPhysics): tf.Tensor {
  return powerTf({ I: tf.relu(currentMa), Ith: physics.IthMa, Imax: physics.ImaxMa, Q: physics.Q });
}
