// tfjs right-hand sides of the neuron and filter equations (the generic, autodiff path); one function per equation.
import * as tf from '@tensorflow/tfjs';

/** STNO power neuron (paper 001 eq. 2, PHYSICS.md section 2): dx/dt = -gamma x + I x (1 - x). */
export function stnoPowerRhs(x: tf.Tensor, I: tf.Tensor, gamma: number): tf.Tensor {
  return tf.add(tf.mul(-gamma, x), tf.mul(I, tf.mul(x, tf.sub(1, x))));
}

/** CTRNN neuron (paper 001 eq. 6): dx/dt = -gamma x + I, output y = tanh(x). */
export function ctrnnRhs(x: tf.Tensor, I: tf.Tensor, gamma: number): tf.Tensor {
  return tf.add(tf.mul(-gamma, x), I);
}

/**
 * First-order high-pass filter dy/dt = -omega_cut y + dx/dt (paper 001 eq. 5) written for z = y - x:
 * dz/dt = -omega_cut (z + x), so y = x + z needs no derivative of x.
 */
export function highPassRhs(z: tf.Tensor, x: tf.Tensor, omegaCut: number): tf.Tensor {
  return tf.mul(-omegaCut, tf.add(z, x));
}
