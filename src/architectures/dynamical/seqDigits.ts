// Sequential digits on the layered STNO / CTRNN network (paper 001): data as sequences, one seeded training run -> model + metrics.
import { loadDigits, splitDigits, DIGITS_PIXELS, type DigitsSet } from '../../data/digits.ts';
import { paperConfig, type DynamicalConfig, type NeuronModel } from '../../surrogate/dynamical/config.ts';
import { toModelJson, type DynamicalModelJson } from '../../surrogate/dynamical/model.ts';
import type { Engine } from '../../surrogate/dynamical/op.ts';
import type { DynamicalParams, DynamicalMasks } from '../../surrogate/dynamical/params.ts';
import { PAPER_TRAINING, trainNetwork, type EpochRecord, type SequenceSet, type TrainResult } from '../../surrogate/dynamical/train.ts';

export const TASK = 'seqdigits';
/**
 * Training recipe per neuron model (everything else as published: batches of 120, clipping at 1, Adam with
 * lr0 / (epoch / 8.077 + 1)). Dynamics parameters are trained in units of gamma (TrainOptions.paramUnit).
 * - lr0: the paper's 0.149 is too large a step in these units (test accuracy stalls near 70 %); 0.05 trains best of
 *   0.015 / 0.05 / 0.149.
 * - initDrive: the design rule at initialisation, I0 = S <|W|> sqrt(N_fanin) in 1/ns (initParams). PyTorch-style small
 *   weights leave the input layer nearly undriven and the signal vanishing through three layers.
 *   CTRNN: 0.1, the best training accuracy after 6 epochs of 0.05 / 0.1 / 0.2 (seed 1: 62.7 / 64.0 / 59.0 %); at 0.2 the
 *   leaky integrator x ~ I0 tau = 2.8 starts with tanh(x) saturated.
 * - readoutNorm: the readout sees standardised last-layer outputs during training (folded into wout, bout when saved).
 */
export const SEQDIGITS_RECIPE: Record<NeuronModel, { lr0: number; initDrive: number; readoutNorm: boolean }> = {
  spintronic: { lr0: 0.05, initDrive: 0.5, readoutNorm: true },
  ctrnn: { lr0: 0.05, initDrive: 0.1, readoutNorm: true },
};
/**
 * Epochs per run. The schedule lr0 / (epoch / 8.077 + 1) decays slowly (lr0 / 4.7 at epoch 30) and 30 epochs left seed 1
 * underfitted (train 87.97 %, test 86.10 %, still rising); at 40 epochs the five seeds' median training accuracy was
 * 87.64 %, no higher than their test accuracy (underfitting, not overfitting), so the recipe went to 60; at 60 the
 * training loss was still falling (median over the five seeds of the epoch-mean loss: 0.400 at epoch 40, 0.363 at
 * epoch 60) with training accuracy below 90 %, so it went to 100. Each change was made before any longer run.
 */
export const SEQDIGITS_EPOCHS = 100;

/**
 * Cache name of a results run (runs/dynamical/<name>.json and .model.json): its configuration and recipe, the recipe
 * written as the model's SEQDIGITS_RECIPE entries unless `recipeKey` names another (the ablation variants).
 */
export function seqDigitsRunName(o: { model: NeuronModel; dtInputNs: number; density: number; epochs: number; seed: number; recipeKey?: string }): string {
  const r = SEQDIGITS_RECIPE[o.model];
  const recipe = o.recipeKey ?? `lr${r.lr0}-i${r.initDrive}${r.readoutNorm ? '-norm' : ''}`;
  return `${o.model}-dt${o.dtInputNs}-d${o.density}-e${o.epochs}-s${o.seed}-${recipe}`;
}

/** The split seed every run uses unless told otherwise (all seeds see the same 898 / 899 images). */
export const DEFAULT_SPLIT_SEED = 0;

const asSequences = (d: DigitsSet): SequenceSet => ({ inputs: d.pixels, labels: d.labels, count: d.count, steps: DIGITS_PIXELS });

/** Train / test sequences: each image row by row, one pixel per input interval (64 steps, 1 input). */
export function seqDigitsData(splitSeed = DEFAULT_SPLIT_SEED): { train: SequenceSet; test: SequenceSet } {
  const { train, test } = splitDigits(loadDigits(), splitSeed);
  return { train: asSequences(train), test: asSequences(test) };
}

export interface SeqDigitsOptions {
  model: NeuronModel;
  epochs: number;
  seed: number;
  splitSeed?: number;
  dtInputNs?: number;
  tauNs?: number;
  /** Global density (interlayer and intralayer); densityInter / densityIntra override it. */
  density?: number;
  densityInter?: number;
  densityIntra?: number;
  substeps?: number;
  /** Overrides of the model's SEQDIGITS_RECIPE entries. */
  lr0?: number;
  initDrive?: number;
  readoutNorm?: boolean;
  engine?: Engine;
  /** Kernel threads of the training passes (TrainOptions.threads); default 1. */
  threads?: 1 | 2;
  evalEachEpoch?: boolean;
  onEpoch?: (e: EpochRecord) => void;
}

export interface SeqDigitsMetrics {
  task: string;
  arch: 'dynamical';
  model: NeuronModel;
  seed: number;
  splitSeed: number;
  epochs: number;
  train: { accuracy: number; loss: number };
  test: { accuracy: number; loss: number };
  seconds: number;
  dtInputNs: number;
  tauNs: number;
  stepNs: number;
  densityInter: number;
  densityIntra: number;
  lr0: number;
  lrDecay: number;
  initDrive: number;
  readoutNorm: boolean;
  /** Kernel threads of the training passes (2: gradients summed over two half batches). */
  threads: 1 | 2;
  cumulativeDrive: ReturnType<typeof cumulativeDrive>;
  history: EpochRecord[];
}

/** The network config of a run (paper values unless overridden). */
export function seqDigitsConfig(o: Omit<SeqDigitsOptions, 'epochs' | 'seed'>): DynamicalConfig {
  return paperConfig({
    model: o.model,
    ...(o.dtInputNs !== undefined ? { dtInputNs: o.dtInputNs } : {}),
    ...(o.tauNs !== undefined ? { tauNs: o.tauNs } : {}),
    ...(o.substeps !== undefined ? { substeps: o.substeps } : {}),
    densityInter: o.densityInter ?? o.density ?? 0.5,
    densityIntra: o.densityIntra ?? o.density ?? 0.5,
  });
}

/**
 * The paper's design-rule quantity (eq. 9, 11): I = S * <|W|> * sqrt(N_fanin), N_fanin = d_inter*width + d_intra*width,
 * <|W|> the mean |W| over the present (masked-in) interlayer and intralayer connections between neurons; returns I and I*dt.
 */
export function cumulativeDrive(cfg: DynamicalConfig, masks: DynamicalMasks, p: DynamicalParams): { drive: number; driveTimesDt: number } {
  let sum = 0;
  let n = 0;
  const add = (w: Float32Array, m: Uint8Array) => w.forEach((v, i) => m[i] && ((sum += Math.abs(v)), n++));
  p.wext.forEach((w, l) => add(w, masks.wext[l]));
  p.wint.forEach((w, l) => add(w, masks.wint[l]));
  const fanIn = (cfg.densityInter + cfg.densityIntra) * cfg.width;
  const drive = cfg.S * (n ? sum / n : 0) * Math.sqrt(fanIn);
  return { drive, driveTimesDt: drive * cfg.dtInputNs };
}

/** The entries of `o` that are not undefined. */
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** One seeded training run: the model.json document, the metrics and the raw result. */
export function runSeqDigits(o: SeqDigitsOptions): { model: DynamicalModelJson; metrics: SeqDigitsMetrics; result: TrainResult } {
  const splitSeed = o.splitSeed ?? DEFAULT_SPLIT_SEED;
  const cfg = seqDigitsConfig(o);
  const data = seqDigitsData(splitSeed);
  const recipe = { ...SEQDIGITS_RECIPE[cfg.model], ...defined({ lr0: o.lr0, initDrive: o.initDrive, readoutNorm: o.readoutNorm }) };
  const { lr0 } = recipe;
  const result = trainNetwork(cfg, data, {
    epochs: o.epochs,
    seed: o.seed,
    ...recipe,
    engine: o.engine,
    threads: o.threads,
    evalEachEpoch: o.evalEachEpoch,
    onEpoch: o.onEpoch,
  });
  const metrics: SeqDigitsMetrics = {
    task: TASK,
    arch: 'dynamical',
    model: cfg.model,
    seed: o.seed,
    splitSeed,
    epochs: o.epochs,
    train: { accuracy: result.train.accuracy, loss: result.train.loss },
    test: { accuracy: result.test.accuracy, loss: result.test.loss },
    seconds: result.seconds,
    dtInputNs: cfg.dtInputNs,
    tauNs: cfg.tauNs,
    stepNs: cfg.dtInputNs / cfg.substeps,
    densityInter: cfg.densityInter,
    densityIntra: cfg.densityIntra,
    lr0,
    lrDecay: PAPER_TRAINING.lrDecay,
    initDrive: recipe.initDrive,
    readoutNorm: recipe.readoutNorm,
    threads: o.threads ?? 1,
    cumulativeDrive: cumulativeDrive(cfg, result.masks, result.params),
    history: result.history,
  };
  const model = toModelJson(
    { cfg, masks: result.masks, params: result.params, seed: o.seed, splitSeed, task: TASK },
    {
      steps: DIGITS_PIXELS,
      dataset: {
        name: 'scikit-learn digits (data/digits/digits.csv.gz)',
        images: 1797,
        split: `permutation(1797, createRng(${splitSeed})): first 898 train, last 899 test`,
        presentation: 'row by row, one pixel per input interval, u = inputScale * pixel',
      },
      metrics: { train: metrics.train, test: metrics.test, epochs: o.epochs },
    },
  );
  return { model, metrics, result };
}
