// One vowel-recognition run end to end: initial weights (search, or the trained reference nested in the extended network), training, scores, files.
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../io/atomic.ts';
import { startProgress } from '../../io/progress.ts';
import { seedFor } from '../../random/rng.ts';
import { resolveForcedSettings, type ForcedSettings } from '../../surrogate/forced/params.ts';
import { regionLabel, vowelLearningCurveSvg, vowelResponseMapSvg } from './figures.ts';
import { DEFAULT_EXTENDED_SEARCH, searchExtendedWeights, type ExtendedSearch, type ExtendedSearchResult } from './extendedSearch.ts';
import { nestedNetwork, searchInitialWeights, type InitialSearch } from './init.ts';
import { TUNING_RANGE_MHZ, VOWEL_FREQUENCY_UNIT_MHZ, VOWEL_OSCILLATORS, VOWEL_SETTINGS, VowelNetwork, type VowelArchitecture, type VowelNetworkDescription } from './model.ts';
import { trainOnline } from './online.ts';
import { toSavedVowelNetwork, writeVowelNetwork } from './persist.ts';
import { predictVowels, vowelAccuracy } from './predict.ts';
import { relearnCode } from './targets.ts';
import { loadVowelTask, type VowelTask, type VowelTaskName } from './task.ts';
import { trainGradient, type VowelHistory } from './train.ts';

export type VowelRule = 'online' | 'gradient';
export const VOWEL_RULES: readonly VowelRule[] = ['online', 'gradient'];

/** Defaults of a run: iterations (gradient) or passes (online), step sizes. */
export const VOWEL_DEFAULTS = { gradientIterations: 30, onlineEpochs: 10, learningRate: 0.03, eta: 0.02 } as const;

export interface VowelExperimentOptions {
  readonly task: VowelTaskName;
  readonly arch: VowelArchitecture;
  readonly rule: VowelRule;
  readonly seed: number;
  /** Speaker split seed (default 0). */
  readonly splitSeed?: number;
  /** Gradient iterations or online passes (defaults in VOWEL_DEFAULTS). */
  readonly iterations?: number;
  /** Adam learning rate (gradient) or eta (online). */
  readonly step?: number;
  /** Initial search of the reference network on the Adler map (default DEFAULT_SEARCH, see init.ts). */
  readonly search?: InitialSearch;
  /** Extended only: the row search from the nested reference before training (extendedSearch.ts); sweeps 0 = none. */
  readonly extendedSearch?: ExtendedSearch;
  /** Called after each oscillator's turn of that search. */
  readonly onSearchStep?: (step: number, score: number) => void;
  /**
   * Extended only: the trained reference network of the same task and split it starts from (nestedNetwork). Default: a
   * reference network trained here first by the same rule, seed, split, iterations and step.
   */
  readonly initFrom?: VowelNetwork;
  /** Physics overrides (default VOWEL_SETTINGS). */
  readonly settings?: Partial<ForcedSettings>;
  readonly onProgress?: (t: number, accuracy: number) => void;
}

export interface VowelExperimentResult {
  readonly task: VowelTask;
  readonly net: VowelNetwork;
  readonly history: VowelHistory;
  readonly metrics: VowelMetrics;
}

/** metrics.json: the CLI contract {task, arch, seed, iterations, train.accuracy, test.accuracy, seconds} plus details. */
export interface VowelMetrics {
  readonly task: string;
  readonly arch: VowelArchitecture;
  readonly rule: VowelRule;
  readonly seed: number;
  readonly splitSeed: number;
  readonly iterations: number;
  readonly step: number;
  readonly train: { readonly accuracy: number; readonly tokens: number; readonly speakers: number };
  readonly test: { readonly accuracy: number; readonly tokens: number; readonly speakers: number };
  readonly seconds: number;
  readonly parameters: number;
  readonly oscillators: number;
  /** Mutual coupling k and injection k_A, k_B (Hz), Euler step (s). */
  readonly physics: { readonly coupling: number; readonly injection: readonly number[]; readonly dt: number };
  /**
   * Initial weights. from 'search' (reference): the finalists' training accuracy on the Adler map and on the coupled
   * network, the one trained. from 'reference' (extended): the nested trained reference network and its training accuracy
   * at the scoring seed, i.e. the reference run's train score (coupledScores[0]; adlerScores empty); then the row search
   * (rowSearch: its scores, null when switched off) and the weights it ends at (weights).
   */
  readonly init: {
    readonly from: 'search' | 'reference';
    readonly chosen: number;
    readonly adlerScores: readonly number[];
    readonly coupledScores: readonly number[];
    readonly weights: readonly (readonly number[])[];
    readonly rowSearch?: (ExtendedSearchResult & { readonly options: ExtendedSearch; readonly seconds: number }) | null;
  };
  readonly bestIteration: number;
  /** Seed of the initial phases of the final train/test scoring. */
  readonly evalSeed: number;
  /** The output code: lock pattern -> vowel. */
  readonly code: readonly string[];
  /** Natural frequencies (MHz) and bias currents (A) of the reference network; null for the extended one. */
  readonly frequenciesMHz: readonly number[] | null;
  readonly biasCurrents: readonly number[] | null;
}

/** Description of a network for a task (default physics VOWEL_SETTINGS). */
export function vowelDescription(task: VowelTask, arch: VowelArchitecture, settings: Partial<ForcedSettings> = {}): VowelNetworkDescription {
  return {
    arch,
    n: VOWEL_OSCILLATORS,
    settings: resolveForcedSettings({ ...VOWEL_SETTINGS, ...settings }),
    tuningRangeMHz: TUNING_RANGE_MHZ,
    frequencyUnitMHz: VOWEL_FREQUENCY_UNIT_MHZ,
    mapping: task.mapping,
    classes: task.classes,
    gradientHorizon: null,
  };
}

/**
 * Progress steps of a run, for a progress bar: one per search turn (oscillator and sweep, at most) and per training
 * iteration or pass (the reference run's too when the extended one trains it first); the online rule scores once more
 * after its last pass.
 */
function vowelRunSteps(o: Pick<VowelExperimentOptions, 'arch' | 'rule' | 'iterations' | 'initFrom' | 'extendedSearch'>): number {
  const total = o.iterations ?? (o.rule === 'gradient' ? VOWEL_DEFAULTS.gradientIterations : VOWEL_DEFAULTS.onlineEpochs);
  const extended = o.arch === 'extended';
  const searchSteps = extended ? (o.extendedSearch ?? DEFAULT_EXTENDED_SEARCH).sweeps * VOWEL_OSCILLATORS : 0;
  return (extended && !o.initFrom ? 2 : 1) * total + searchSteps + (o.rule === 'online' ? 1 : 0);
}

/** runVowelExperiment with a progress bar (ETA) labelled `label` over its search turns and training iterations or passes. */
export function runVowelExperimentWithProgress(label: string, o: VowelExperimentOptions): VowelExperimentResult {
  const bar = startProgress(label, vowelRunSteps(o));
  const tick = (_step: number, accuracy: number) => bar.tick(1, { acc: `${(100 * accuracy).toFixed(1)}%` });
  try {
    return runVowelExperiment({ ...o, onProgress: tick, onSearchStep: tick });
  } finally {
    bar.stop();
  }
}

/** Runs one experiment. */
export function runVowelExperiment(o: VowelExperimentOptions): VowelExperimentResult {
  const started = performance.now();
  if (o.rule === 'online' && o.arch !== 'reference') throw new Error('the online rule tunes the four bias currents of the reference network');
  const task = loadVowelTask(o.task, o.splitSeed ?? 0);
  const description = vowelDescription(task, o.arch, o.settings);
  const { net, init } = o.arch === 'extended' ? nestedStart(o, task, description) : searchStart(o, task, description);
  const iterations = o.iterations ?? (o.rule === 'gradient' ? VOWEL_DEFAULTS.gradientIterations : VOWEL_DEFAULTS.onlineEpochs);
  const step = o.step ?? (o.rule === 'gradient' ? VOWEL_DEFAULTS.learningRate : VOWEL_DEFAULTS.eta);
  const history =
    o.rule === 'gradient'
      ? trainGradient(net, task.train, { iterations, learningRate: step, seed: seedFor(o.seed, 1), onIteration: (t, _l, a) => o.onProgress?.(t, a) })
      : trainOnline(net, task.train, { epochs: iterations, eta: step, seed: seedFor(o.seed, 1), onEpoch: o.onProgress });
  const evalSeed = evalSeedOf(o.seed);
  const train = vowelAccuracy(predictVowels(net, task.train.fs, { seed: evalSeed }), task.train.y);
  const test = vowelAccuracy(predictVowels(net, task.test.fs, { seed: evalSeed }), task.test.y);
  const d = net.description;
  const reference = d.arch === 'reference';
  const metrics: VowelMetrics = {
    task: task.name,
    arch: d.arch,
    rule: o.rule,
    seed: o.seed,
    splitSeed: task.splitSeed,
    iterations,
    step,
    train: { accuracy: train, tokens: task.train.y.length, speakers: task.trainSpeakers.length },
    test: { accuracy: test, tokens: task.test.y.length, speakers: task.testSpeakers.length },
    seconds: (performance.now() - started) / 1000,
    parameters: net.parameterCount,
    oscillators: d.n,
    physics: { coupling: d.settings.coupling, injection: d.settings.injection, dt: d.settings.dt },
    init,
    bestIteration: history.best,
    evalSeed,
    code: codeLabels(net),
    frequenciesMHz: reference ? net.frequencyValues([[0, 0]])[0] : null,
    biasCurrents: reference ? net.biasCurrents([[0, 0]])[0] : null,
  };
  return { task, net, history, metrics };
}

/** Seed of the initial phases of a run's final train/test scoring. */
const evalSeedOf = (seed: number) => seedFor(seed, 2);

/** Reference start: searched natural frequencies, output code learned on the training set. */
function searchStart(o: VowelExperimentOptions, task: VowelTask, description: VowelNetworkDescription): { net: VowelNetwork; init: VowelMetrics['init'] } {
  const found = searchInitialWeights(task.train, description, seedFor(o.seed, 0), o.search);
  const net = new VowelNetwork(description, found.weights);
  relearnCode(net, predictVowels(net, task.train.fs, { seed: seedFor(o.seed, 3) }), task.train.y);
  return { net, init: { from: 'search', ...found } };
}

/** Extended start: the trained reference network (o.initFrom, or trained here first) nested in W, its code kept, then the row search. */
function nestedStart(o: VowelExperimentOptions, task: VowelTask, description: VowelNetworkDescription): { net: VowelNetwork; init: VowelMetrics['init'] } {
  const reference = o.initFrom ?? runVowelExperiment({ ...o, arch: 'reference' }).net;
  const net = nestedNetwork(reference, description);
  const score = vowelAccuracy(predictVowels(net, task.train.fs, { seed: evalSeedOf(o.seed) }), task.train.y);
  const options = o.extendedSearch ?? DEFAULT_EXTENDED_SEARCH;
  const started = performance.now();
  const rowSearch = options.sweeps > 0 ? searchExtendedWeights(net, task.train, seedFor(o.seed, 4), options, o.onSearchStep) : null;
  const searched = rowSearch && { ...rowSearch, options, seconds: (performance.now() - started) / 1000 };
  return { net, init: { from: 'reference', chosen: 0, adlerScores: [], coupledScores: [score], weights: net.weightValues(), rowSearch: searched } };
}

/** "A1 B3: ae" per code word, in code order. */
export function codeLabels(net: VowelNetwork): string[] {
  return net.decoder.entries.map((e) => regionLabel(net, e.pattern, e.cls));
}

/** Writes model.json, metrics.json, response-map.svg and lock-map.svg (test tokens on top) and, after training, learning-curve.svg into `dir`. */
export async function writeVowelExperiment(dir: string, r: VowelExperimentResult): Promise<void> {
  const m = r.metrics;
  writeVowelNetwork(join(dir, 'model.json'), toSavedVowelNetwork(r.net, m.code, { ...m, history: { accuracy: r.history.accuracy, loss: r.history.loss } }));
  writeJsonAtomic(join(dir, 'metrics.json'), m);
  const name = `${m.arch} (${m.rule})`;
  const title = `${m.task}, ${name}: test ${(100 * m.test.accuracy).toFixed(1)} %`;
  writeFileAtomic(join(dir, 'response-map.svg'), await vowelResponseMapSvg(r.net, r.task.test, title, m.evalSeed, 'vowels'));
  writeFileAtomic(join(dir, 'lock-map.svg'), await vowelResponseMapSvg(r.net, r.task.test, title, m.evalSeed, 'locks'));
  if (r.history.accuracy.length > 0) {
    writeFileAtomic(join(dir, 'learning-curve.svg'), await vowelLearningCurveSvg([{ name, accuracy: r.history.accuracy }], `Training error, ${m.task}`));
  }
}
