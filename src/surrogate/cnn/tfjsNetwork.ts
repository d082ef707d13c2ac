// The CNN as tfjs variables and a differentiable forward pass: spintronic (resonator chains + STNOs) or software (ReLU) network.
import * as tf from '@tensorflow/tfjs';
import { cnnShapes, type CnnShapes } from './arch.ts';
import { conv2dChains, localChains } from './conv.ts';
import { layerFrequencies } from './frequencyPlan.ts';
import type { CnnModel, SoftwareParams, SpintronicParams } from './model.ts';
import { stnoNormalizedPower, weightAtRatio } from './physics.ts';
import { detuneFactor, type Variability } from './variability.ts';

/** Intermediate quantities of one forward pass (spintronic units: uW, uV, mA; software: activations). */
export interface ForwardOutputs {
  readonly logits: tf.Tensor2D;
  /** Per convolution: chain voltages before pooling (B, outH, outW, M), uV (software: pre-activations). */
  readonly chains: tf.Tensor4D[];
  /** Per convolution: STNO input currents after pooling and amplification, mA (software: pooled pre-activations). */
  readonly currents: tf.Tensor4D[];
  /** Per convolution: emitted RF powers, uW (software: ReLU outputs). */
  readonly powers: tf.Tensor4D[];
  /** FC chain voltages (B, classes), uV (software: logits). */
  readonly fcChains: tf.Tensor2D;
}

/** Relative resonance shifts 1 + alpha sigma n as tensors: per conv (outH*outW, k*k*C, M), FC (inputs, classes). */
export interface DetuneTensors {
  readonly conv: tf.Tensor3D[];
  readonly fc: tf.Tensor2D;
}

export interface TfjsNetwork {
  readonly model: CnnModel;
  readonly shapes: CnnShapes;
  readonly variables: tf.Variable[];
  /** Forward pass of pixel fractions x (B, H, W, 1) in [0, 1]; call inside tf.tidy. */
  forward(x: tf.Tensor4D, detune?: DetuneTensors): ForwardOutputs;
  /** The current parameters as a model (float64 copies). */
  read(): CnnModel;
  dispose(): void;
}

/** Tensors of a variability setting for the spintronic network (caller disposes). */
export function detuneTensors(model: CnnModel, v: Variability): DetuneTensors {
  const shapes = cnnShapes(model.arch);
  const a = model.physics.alpha;
  const factors = (n: Float64Array) => Float32Array.from(n, (x) => detuneFactor(a, v.sigma, x));
  return {
    conv: shapes.convs.map((s, l) => tf.tensor3d(factors(v.draws.conv[l]), [s.outH * s.outW, s.spec.kernel ** 2 * s.inC, s.spec.filters])),
    fc: tf.tensor2d(factors(v.draws.fc), [shapes.fcInputs, shapes.classes]),
  };
}

export function tfjsNetwork(model: CnnModel): TfjsNetwork {
  return model.params.kind === 'spintronic' ? spintronicNetwork(model, model.params) : softwareNetwork(model, model.params);
}

/** Trainable variables: theta = zeta / alpha per conv; nu = f_res / (alpha fMin) for the FC layer; log of each gain. */
function spintronicNetwork(model: CnnModel, p: SpintronicParams): TfjsNetwork {
  const shapes = cnnShapes(model.arch);
  const { alpha } = model.physics;
  const fUnit = alpha * model.plan.fMinHz;
  const theta = shapes.convs.map((s, l) => tf.variable(tf.tensor4d(Float32Array.from(p.zeta[l], (z) => z / alpha), [s.spec.kernel, s.spec.kernel, s.inC, s.spec.filters]), true, `theta${l}`));
  const nu = tf.variable(tf.tensor2d(Float32Array.from(p.fcFresHz, (f) => f / fUnit), [shapes.fcInputs, shapes.classes]), true, 'nu');
  const logGain = tf.variable(tf.tensor1d(p.gains.map(Math.log)), true, 'logGain');
  const fcUnitOverF = tf.tensor2d(Float32Array.from(layerFrequencies(model.plan, shapes.convs.length), (f) => fUnit / f), [shapes.fcInputs, 1]);
  const phys = model.physics;

  function forward(x: tf.Tensor4D, detune?: DetuneTensors): ForwardOutputs {
    const gains = tf.exp(logGain);
    let P: tf.Tensor4D = tf.mul(x, phys.inputPowerUw);
    const chains: tf.Tensor4D[] = [];
    const currents: tf.Tensor4D[] = [];
    const powers: tf.Tensor4D[] = [];
    shapes.convs.forEach((s, l) => {
      const ratio = tf.sub(1, tf.mul(theta[l], alpha));
      const U = detune
        ? localChains(P, weightAtRatio(tf.mul(tf.reshape(ratio, [1, s.spec.kernel ** 2 * s.inC, s.spec.filters]), detune.conv[l]), phys) as tf.Tensor3D, s.spec.kernel, s.spec.pad)
        : conv2dChains(P, weightAtRatio(ratio, phys) as tf.Tensor4D, s.spec.pad, l > 0);
      const pooled = tf.maxPool(U, s.spec.pool, s.spec.pool, 'valid');
      const I = tf.mul(pooled, tf.slice(gains, [l], [1])) as tf.Tensor4D;
      P = tf.mul(stnoNormalizedPower(I, phys), phys.PmaxUw) as tf.Tensor4D;
      chains.push(U);
      currents.push(I);
      powers.push(P);
    });
    const ratio = tf.mul(nu, fcUnitOverF);
    const W = weightAtRatio(detune ? tf.mul(ratio, detune.fc) : ratio, phys) as tf.Tensor2D;
    const fcChains = tf.matMul(tf.reshape(P, [-1, shapes.fcInputs]) as tf.Tensor2D, W) as tf.Tensor2D;
    const logits = tf.mul(fcChains, tf.slice(gains, [shapes.convs.length], [1])) as tf.Tensor2D;
    return { logits, chains, currents, powers, fcChains };
  }

  return {
    model,
    shapes,
    variables: [...theta, nu, logGain],
    forward,
    read: () => ({
      ...model,
      params: {
        kind: 'spintronic',
        zeta: theta.map((t) => Float64Array.from(t.dataSync(), (v) => v * alpha)),
        fcFresHz: Float64Array.from(nu.dataSync(), (v) => v * fUnit),
        gains: [...logGain.dataSync()].map(Math.exp),
      },
    }),
    dispose: () => tf.dispose([...theta, nu, logGain, fcUnitOverF]),
  };
}

function softwareNetwork(model: CnnModel, p: SoftwareParams): TfjsNetwork {
  const shapes = cnnShapes(model.arch);
  const kernels = shapes.convs.map((s, l) => tf.variable(tf.tensor4d(Float32Array.from(p.kernels[l]), [s.spec.kernel, s.spec.kernel, s.inC, s.spec.filters]), true, `kernel${l}`));
  const biases = shapes.convs.map((_, l) => tf.variable(tf.tensor1d(Float32Array.from(p.biases[l])), true, `bias${l}`));
  const fcW = tf.variable(tf.tensor2d(Float32Array.from(p.fcWeights), [shapes.fcInputs, shapes.classes]), true, 'fcW');
  const fcB = tf.variable(tf.tensor1d(Float32Array.from(p.fcBias)), true, 'fcB');

  function forward(x: tf.Tensor4D): ForwardOutputs {
    let h: tf.Tensor4D = x;
    const chains: tf.Tensor4D[] = [];
    const currents: tf.Tensor4D[] = [];
    const powers: tf.Tensor4D[] = [];
    shapes.convs.forEach((s, l) => {
      const z = tf.add(conv2dChains(h, kernels[l], s.spec.pad, l > 0), biases[l]) as tf.Tensor4D;
      const pooled = tf.maxPool(z, s.spec.pool, s.spec.pool, 'valid');
      h = tf.relu(pooled);
      chains.push(z);
      currents.push(pooled);
      powers.push(h);
    });
    const logits = tf.add(tf.matMul(tf.reshape(h, [-1, shapes.fcInputs]), fcW), fcB) as tf.Tensor2D;
    return { logits, chains, currents, powers, fcChains: logits };
  }

  return {
    model,
    shapes,
    variables: [...kernels, ...biases, fcW, fcB],
    forward,
    read: () => ({
      ...model,
      params: {
        kind: 'software',
        kernels: kernels.map((k) => Float64Array.from(k.dataSync())),
        biases: biases.map((b) => Float64Array.from(b.dataSync())),
        fcWeights: Float64Array.from(fcW.dataSync()),
        fcBias: Float64Array.from(fcB.dataSync()),
      },
    }),
    dispose: () => tf.dispose([...kernels, ...biases, fcW, fcB]),
  };
}
