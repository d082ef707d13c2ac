// Saved model (model.json): everything needed to rebuild the trained network; loading, inference and neuron trajectories.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../../errors.ts';
import { writeJsonAtomic } from '../../io/atomic.ts';
import { gammaOf, omegaCutOf, stepOf, validateConfig, type DynamicalConfig } from './config.ts';
import { DynamicsKernel, type NeuronRates } from './kernel.ts';
import { dynamicsArrays, synapseCount, type DynamicalMasks, type DynamicalParams } from './params.ts';
import { readoutScores } from './train.ts';

export const MODEL_FORMAT = 'spinspice.dynamical-network/1';

/** Equations of the saved network, as text for humans (the numbers are in `config` and `weights`). */
const EQUATIONS = {
  spintronic: {
    neuron: 'dx/dt = -gamma*x + I*x*(1 - x)   (stnoPower, paper 001 eq. 2)',
    filter: 'dy/dt = -2*pi*fCut*y + dx/dt, y(0) = 0   (high-pass, eq. 5); x(0) = x0',
    drive: 'I_i = S*(sum_j W_ij v_j + b_i) + bFixed, v = y of the sending neurons or inputScale*pixel (eq. 4)',
    readout: 'logits = wout . y_last(T) + bout, softmax, NLL at the last time step',
  },
  ctrnn: {
    neuron: 'dx/dt = -gamma*x + I, y = tanh(x)   (paper 001 eqs. 6-8)',
    filter: 'none',
    drive: 'I_i = S*(sum_j W_ij v_j + b_i), v = y of the sending neurons or inputScale*pixel (eq. 7)',
    readout: 'logits = wout . y_last(T) + bout, softmax, NLL at the last time step',
  },
} as const;

const matrix = (rows: number, cols: number, a: ArrayLike<number>): number[][] =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => a[r * cols + c]));

const mat = z.array(z.array(z.number()));
const schema = z.object({
  format: z.literal(MODEL_FORMAT),
  task: z.string(),
  arch: z.literal('dynamical'),
  seed: z.number().int(),
  splitSeed: z.number().int(),
  config: z.object({
    model: z.enum(['spintronic', 'ctrnn']),
    layers: z.number().int(),
    width: z.number().int(),
    inputs: z.number().int(),
    classes: z.number().int(),
    tauNs: z.number(),
    S: z.number(),
    bFixedPerNs: z.number(),
    fCutGHz: z.number(),
    x0: z.number(),
    dtInputNs: z.number(),
    substeps: z.number().int(),
    densityInter: z.number(),
    densityIntra: z.number(),
    inputScale: z.number(),
  }),
  masks: z.object({ win: mat, wext: z.array(mat), wint: z.array(mat) }),
  weights: z.object({ win: mat, wext: z.array(mat), wint: z.array(mat), b: mat, wout: mat, bout: z.array(z.number()) }),
});

/** The model.json document. Matrices are [receiving neuron][sending neuron]; time in ns, rates in 1/ns, f in GHz. */
export type DynamicalModelJson = z.infer<typeof schema> & {
  units: Record<string, string>;
  derived: { gammaPerNs: number; omegaCutPerNs: number; stepNs: number; solver: string; steps: number; synapses: number };
  equations: Record<string, string>;
  dataset: Record<string, unknown>;
  metrics?: Record<string, unknown>;
};

/** A loaded network ready to run. */
export interface DynamicalModel {
  cfg: DynamicalConfig;
  masks: DynamicalMasks;
  params: DynamicalParams;
  seed: number;
  splitSeed: number;
  task: string;
}

/** Build the model.json document of a trained network. */
export function toModelJson(m: DynamicalModel, extra: { steps: number; dataset: Record<string, unknown>; metrics?: Record<string, unknown> }): DynamicalModelJson {
  const { cfg, masks, params } = m;
  const { width: N, inputs: P } = cfg;
  return {
    format: MODEL_FORMAT,
    task: m.task,
    arch: 'dynamical',
    seed: m.seed,
    splitSeed: m.splitSeed,
    units: { time: 'ns', rate: '1/ns (GHz)', fCut: 'GHz', drive: '1/ns', state: 'normalised power x in (0, 1)' },
    config: { ...cfg },
    derived: {
      gammaPerNs: gammaOf(cfg),
      omegaCutPerNs: omegaCutOf(cfg),
      stepNs: stepOf(cfg),
      solver: `classical RK4, ${cfg.substeps} steps per input interval, input held constant over each interval`,
      steps: extra.steps,
      synapses: synapseCount(cfg, masks),
    },
    equations: { ...EQUATIONS[cfg.model] },
    masks: {
      win: matrix(N, P, masks.win),
      wext: masks.wext.map((a) => matrix(N, N, a)),
      wint: masks.wint.map((a) => matrix(N, N, a)),
    },
    weights: {
      win: matrix(N, P, params.win),
      wext: params.wext.map((a) => matrix(N, N, a)),
      wint: params.wint.map((a) => matrix(N, N, a)),
      b: params.b.map((a) => Array.from(a)),
      wout: matrix(cfg.classes, N, params.wout),
      bout: Array.from(params.bout),
    },
    dataset: extra.dataset,
    ...(extra.metrics ? { metrics: extra.metrics } : {}),
  };
}

/** Parse and check a model.json document (throws InputError naming the field). */
export function fromModelJson(doc: unknown, file?: string): DynamicalModel {
  const r = schema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new InputError(issue.message, issue.path.join('.'), file);
  }
  const j = r.data;
  const cfg: DynamicalConfig = { ...j.config };
  validateConfig(cfg);
  const flat = (m: number[][]) => m.flat();
  const u8 = (m: number[][]) => Uint8Array.from(flat(m));
  const f32 = (m: number[][]) => Float32Array.from(flat(m));
  const masks: DynamicalMasks = { win: u8(j.masks.win), wext: j.masks.wext.map(u8), wint: j.masks.wint.map(u8) };
  const params: DynamicalParams = {
    win: f32(j.weights.win),
    wext: j.weights.wext.map(f32),
    wint: j.weights.wint.map(f32),
    b: j.weights.b.map((a) => Float32Array.from(a)),
    wout: f32(j.weights.wout),
    bout: Float32Array.from(j.weights.bout),
  };
  const N = cfg.width;
  const expect = (ok: boolean, field: string) => {
    if (!ok) throw new InputError('has the wrong shape for the config', field, file);
  };
  const square = (a: ArrayLike<number>[], n: number) => a.length === n && a.every((m) => m.length === N * N);
  expect(square(masks.wext, cfg.layers - 1) && square(params.wext, cfg.layers - 1), 'weights.wext');
  expect(square(masks.wint, cfg.layers) && square(params.wint, cfg.layers), 'weights.wint');
  expect(params.win.length === N * cfg.inputs && masks.win.length === N * cfg.inputs, 'weights.win');
  expect(params.b.length === cfg.layers && params.b.every((b) => b.length === N), 'weights.b');
  expect(params.wout.length === cfg.classes * N && params.bout.length === cfg.classes, 'weights.wout');
  return { cfg, masks, params, seed: j.seed, splitSeed: j.splitSeed, task: j.task };
}

export function saveModel(path: string, doc: DynamicalModelJson): void {
  writeJsonAtomic(path, doc);
}

export function loadModel(path: string): DynamicalModel {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read model JSON (${(e as Error).message})`, undefined, path);
  }
  return fromModelJson(doc, path);
}

function kernelFor(m: DynamicalModel, substeps?: number, rates?: NeuronRates): { kernel: DynamicsKernel; theta: Float64Array } {
  const cfg = substeps ? { ...m.cfg, substeps } : m.cfg;
  const kernel = new DynamicsKernel(cfg, m.masks, undefined, rates);
  const theta = new Float64Array(kernel.thetaSize);
  dynamicsArrays(m.params).forEach((a, i) => theta.set(a, kernel.offsets[i]));
  return { kernel, theta };
}

/**
 * Classify sequences: inputs is count x steps x inputs raw values (for digits: the 64 pixels 0..16 of each image).
 * `substeps` overrides the RK4 steps per input interval (step-halving checks); `rates` gives per-neuron gamma and
 * omega_cut (mismatch studies).
 */
export function predict(m: DynamicalModel, inputs: Float32Array, count: number, substeps?: number, rates?: NeuronRates): { classes: Int32Array; logits: Float64Array } {
  const { kernel, theta } = kernelFor(m, substeps, rates);
  const steps = inputs.length / (count * m.cfg.inputs);
  const y = kernel.forward(theta, inputs, count, steps);
  const C = m.cfg.classes;
  const N = m.cfg.width;
  const logits = new Float64Array(count * C);
  for (let b = 0; b < count; b++) {
    for (let c = 0; c < C; c++) {
      let s = m.params.bout[c];
      for (let i = 0; i < N; i++) s += m.params.wout[c * N + i] * y[b * N + i];
      logits[b * C + c] = s;
    }
  }
  const { predictions } = readoutScores(m.cfg, m.params, y, new Int32Array(count));
  return { classes: predictions, logits };
}

/** Neuron trajectories of one sequence at every RK4 step: index [neuron g = layer * width + i][time]. */
export interface Trajectories {
  tNs: number[];
  /** Scaled input u (inputScale * pixel) per channel, as held during the step ending at tNs (u_0 at t = 0). */
  input: number[][];
  /** Neuron state x (STNO normalised power). */
  x: number[][];
  /** Neuron output y sent to other neurons (filtered power, or tanh(x) for the CTRNN). */
  y: number[][];
  /** Drive I (1/ns), b_fixed included. */
  drive: number[][];
}

/** Run one sequence (steps x inputs raw values) and record x, y, I of every neuron after every RK4 step. */
export function trajectories(m: DynamicalModel, sequence: ArrayLike<number>): Trajectories {
  const { kernel, theta } = kernelFor(m);
  const G = kernel.G;
  const P = m.cfg.inputs;
  const tr: Trajectories = {
    tNs: [],
    input: Array.from({ length: P }, () => []),
    x: Array.from({ length: G }, () => []),
    y: Array.from({ length: G }, () => []),
    drive: Array.from({ length: G }, () => []),
  };
  kernel.forward(theta, Float32Array.from(sequence), 1, sequence.length / P, {
    observe: (t, x, v, I) => {
      const B = kernel.stride;
      tr.tNs.push(t);
      for (let g = 0; g < G; g++) (tr.x[g].push(x[g * B]), tr.y[g].push(v[g * B]), tr.drive[g].push(I[g * B]));
      for (let p = 0; p < P; p++) tr.input[p].push(v[(G + p) * B]);
    },
  });
  return tr;
}
