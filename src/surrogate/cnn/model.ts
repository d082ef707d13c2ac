// The trained CNN as data: architecture, physics, frequency plan and parameters (spintronic or software), with init and JSON form.
import { createRng, seedFor, type Rng } from '../../random/rng.ts';
import { cnnShapes, layerInputs, type CnnArch } from './arch.ts';
import { frequencyPlan, layerFrequencies, type FrequencyPlan } from './frequencyPlan.ts';
import { PAPER_PHYSICS, type CnnPhysics } from './physics.ts';

/** The "format" field of a CNN model.json. */
export const CNN_MODEL_FORMAT = 'spinspice-cnn/1';

export type NetworkKind = 'spintronic' | 'software';

/**
 * Spintronic parameters. Convolutions share weights through zeta (paper 002 eq. 2): every resonator of filter coefficient
 * (i, j, c, m) has f_res = f_RF (1 - zeta[i,j,c,m]), whatever its channel frequency f_RF. The FC layer's resonance
 * frequencies are trained directly. Gains: one amplification per synaptic layer (conv: mA per uV of chain voltage; FC:
 * logits per uV).
 */
export interface SpintronicParams {
  readonly kind: 'spintronic';
  /** Per convolution, (k, k, C, M) row-major. */
  readonly zeta: Float64Array[];
  /** FC resonance frequencies (Hz), (inputs, classes) row-major. */
  readonly fcFresHz: Float64Array;
  readonly gains: number[];
}

/** The software CNN of the same shape: free kernels and biases, ReLU activations. */
export interface SoftwareParams {
  readonly kind: 'software';
  readonly kernels: Float64Array[];
  readonly biases: Float64Array[];
  readonly fcWeights: Float64Array;
  readonly fcBias: Float64Array;
}

export interface CnnModel {
  readonly arch: CnnArch;
  readonly physics: CnnPhysics;
  readonly plan: FrequencyPlan;
  readonly params: SpintronicParams | SoftwareParams;
}

/** Standard deviation (in units of alpha) of the initial detuning zeta / alpha and (f - f_res) / (alpha f) of the FC layer. */
export const INIT_DETUNING_SD = 0.5;

const normals = (n: number, rng: Rng, sd: number) => Float64Array.from({ length: n }, () => sd * rng.normal());

/**
 * Spintronic init (seeded): zeta = alpha * N(0, 0.5^2), so that every resonator starts within its linewidth on the monotonic
 * branch of the anti-Lorentzian (|zeta| < alpha), weights of both signs; FC resonances f_res = f (1 - alpha N(0, 0.5^2)) around
 * their channel f. Gains are 1 here and set from data before training (calibrateGains).
 */
export function initSpintronic(arch: CnnArch, seed: number, physics: CnnPhysics = PAPER_PHYSICS, plan?: FrequencyPlan): CnnModel {
  const shapes = cnnShapes(arch);
  const p = plan ?? frequencyPlan(layerInputs(shapes));
  const zeta = shapes.convs.map((s, l) => normals(s.spec.kernel ** 2 * s.inC * s.spec.filters, createRng(seedFor(seed, l)), physics.alpha * INIT_DETUNING_SD));
  const f = layerFrequencies(p, shapes.convs.length);
  const rng = createRng(seedFor(seed, shapes.convs.length));
  const fcFresHz = new Float64Array(shapes.fcInputs * shapes.classes);
  for (let k = 0; k < shapes.fcInputs; k++) for (let m = 0; m < shapes.classes; m++) fcFresHz[k * shapes.classes + m] = f[k] * (1 - physics.alpha * INIT_DETUNING_SD * rng.normal());
  return { arch, physics, plan: p, params: { kind: 'spintronic', zeta, fcFresHz, gains: Array(shapes.convs.length + 1).fill(1) } };
}

/** Software init (seeded): PyTorch's default, U(+-1/sqrt(fan_in)) for weights and biases. */
export function initSoftware(arch: CnnArch, seed: number, physics: CnnPhysics = PAPER_PHYSICS): CnnModel {
  const shapes = cnnShapes(arch);
  const uniform = (n: number, fanIn: number, rng: Rng) => Float64Array.from({ length: n }, () => (2 * rng.uniform() - 1) / Math.sqrt(fanIn));
  const kernels: Float64Array[] = [];
  const biases: Float64Array[] = [];
  shapes.convs.forEach((s, l) => {
    const rng = createRng(seedFor(seed, l));
    const fanIn = s.spec.kernel ** 2 * s.inC;
    kernels.push(uniform(fanIn * s.spec.filters, fanIn, rng));
    biases.push(uniform(s.spec.filters, fanIn, rng));
  });
  const rng = createRng(seedFor(seed, shapes.convs.length));
  const fcWeights = uniform(shapes.fcInputs * shapes.classes, shapes.fcInputs, rng);
  const fcBias = uniform(shapes.classes, shapes.fcInputs, rng);
  return { arch, physics, plan: frequencyPlan(layerInputs(shapes)), params: { kind: 'software', kernels, biases, fcWeights, fcBias } };
}

/** model.json document: everything needed to rebuild the network, its devices and its netlists. */
export interface CnnModelJson {
  readonly format: typeof CNN_MODEL_FORMAT;
  readonly network: NetworkKind;
  readonly arch: CnnArch;
  readonly physics: CnnPhysics;
  readonly frequencyPlan: FrequencyPlan;
  readonly params: Record<string, number[] | number[][]>;
  readonly [extra: string]: unknown;
}

/** Serialise a model (extra fields such as seed, task, training and metrics are merged in). */
export function toModelJson(model: CnnModel, extra: Record<string, unknown> = {}): CnnModelJson {
  const p = model.params;
  const params: Record<string, number[] | number[][]> =
    p.kind === 'spintronic'
      ? { zeta: p.zeta.map((z) => [...z]), fcFresHz: [...p.fcFresHz], gains: [...p.gains] }
      : { kernels: p.kernels.map((k) => [...k]), biases: p.biases.map((b) => [...b]), fcWeights: [...p.fcWeights], fcBias: [...p.fcBias] };
  return { format: CNN_MODEL_FORMAT, network: p.kind, arch: model.arch, physics: model.physics, frequencyPlan: model.plan, params, ...extra };
}

/** Rebuild a model from its JSON document, checking parameter sizes against the architecture. */
export function fromModelJson(doc: CnnModelJson): CnnModel {
  if (doc.format !== CNN_MODEL_FORMAT) throw new RangeError(`not a spinspice CNN model (format ${String(doc.format)})`);
  const shapes = cnnShapes(doc.arch);
  const arr = (v: unknown, n: number, name: string) => {
    if (!Array.isArray(v) || v.length !== n || v.some((x) => typeof x !== 'number')) throw new RangeError(`params.${name}: expected ${n} numbers`);
    return Float64Array.from(v as number[]);
  };
  const convSizes = shapes.convs.map((s) => s.spec.kernel ** 2 * s.inC * s.spec.filters);
  const fcSize = shapes.fcInputs * shapes.classes;
  const q = doc.params as Record<string, unknown[]>;
  const params: SpintronicParams | SoftwareParams =
    doc.network === 'spintronic'
      ? { kind: 'spintronic', zeta: convSizes.map((n, l) => arr(q.zeta?.[l], n, `zeta[${l}]`)), fcFresHz: arr(q.fcFresHz, fcSize, 'fcFresHz'), gains: [...arr(q.gains, convSizes.length + 1, 'gains')] }
      : {
          kind: 'software',
          kernels: convSizes.map((n, l) => arr(q.kernels?.[l], n, `kernels[${l}]`)),
          biases: shapes.convs.map((s, l) => arr(q.biases?.[l], s.spec.filters, `biases[${l}]`)),
          fcWeights: arr(q.fcWeights, fcSize, 'fcWeights'),
          fcBias: arr(q.fcBias, shapes.classes, 'fcBias'),
        };
  return { arch: doc.arch, physics: doc.physics, plan: doc.frequencyPlan, params };
}
