// Model-mismatch study: a trained Kuramoto classifier run as a stnoPhase circuit and as complex-amplitude circuits with nonlinear frequency shift N.
import { unwrappedPhase } from '../../analysis/amplitude.ts';
import { meanFrequency } from '../../analysis/phase.ts';
import { nonlinearShiftFor, stnoAmplitude } from '../../devices/stnoAmplitude.ts';
import { stnoPhase } from '../../devices/stnoPhase.ts';
import { seedFor } from '../../random/rng.ts';
import { runDescription } from '../../sim/runDescription.ts';
import { resolveDescription } from '../../spec/resolve.ts';
import type { DescriptionInput } from '../../spec/schema.ts';
import { initialPhases } from '../../surrogate/kuramoto/kernel.ts';
import { amplitudeNets, toAmplitudeCircuit, type AmplitudeOptions } from '../amplitudeCircuit.ts';
import { oscillatorNetwork } from '../oscillatorNetwork.ts';
import type { KuramotoClassifier } from './model.ts';
import { accuracy, readOut, type Prediction } from './predict.ts';
import type { Examples } from './tasks.ts';

/**
 * How the injection is set: 'in-phase' (beta = 0, a resistive line: Sakaguchi lag -atan(nu)), 'compensated'
 * (beta = atan(nu): no lag, reduced coupling k*sqrt(1 + nu^2)) or 'calibrated' (beta = atan(nu) and injection
 * k/sqrt(1 + nu^2): the phase reduction is the trained Kuramoto model again, only non-adiabatic effects remain).
 */
export type CouplingPhase = 'in-phase' | 'compensated' | 'calibrated';

/** One oscillator model the classifier is run on: the Kuramoto-level circuit, or the amplitude model at dimensionless shift nu. */
export type CircuitModel = { readonly kind: 'kuramoto' } | { readonly kind: 'amplitude'; readonly nu: number; readonly coupling: CouplingPhase };

/** Amplitude-model parameters other than N and beta (defaults: the stnoAmplitude table). */
export type AmplitudeBase = Omit<AmplitudeOptions, 'N' | 'beta'>;

export interface CircuitRunOptions {
  /** Base seed of the initial phases: example m starts from initialPhases(seedFor(seed, m), n), as predict() does. */
  readonly seed: number;
  readonly amplitude?: AmplitudeBase;
  /** Transient TMAX (s) and reltol of every run (defaults 100 ps, 1e-6). */
  readonly tmax?: number;
  readonly reltol?: number;
}

/** A stable name of a circuit model, for tables and caches. */
export function modelLabel(model: CircuitModel): string {
  return model.kind === 'kuramoto' ? 'kuramoto' : `amplitude-nu${model.nu}-${model.coupling}`;
}

/** The nonlinear shift N (rad/s) and injection phase beta of an amplitude model with the given base parameters. */
export function amplitudeParameters(model: Extract<CircuitModel, { kind: 'amplitude' }>, base: AmplitudeBase = {}): AmplitudeBase & { N: number; beta: number } {
  const params = { ...stnoAmplitude.defaults(), ...base };
  return { ...base, N: nonlinearShiftFor(model.nu, params), beta: model.coupling === 'in-phase' ? 0 : Math.atan(model.nu) };
}

/** The injection strength (Hz) the amplitude circuit is built with for a classifier trained at coupling k. */
export function injectionStrength(model: CircuitModel, k: number): number {
  return model.kind === 'amplitude' && model.coupling === 'calibrated' ? k / Math.sqrt(1 + model.nu * model.nu) : k;
}

/** The circuit of example m under `model`: the classifier's natural frequencies as bias currents, seeded initial phases. */
export function exampleCircuit(classifier: KuramotoClassifier, x: readonly number[], m: number, model: CircuitModel, o: CircuitRunOptions): DescriptionInput {
  const { n, settings } = classifier.description;
  const [F] = classifier.naturalFrequenciesHz([[...x]]);
  const k = injectionStrength(model, settings.coupling);
  const network = oscillatorNetwork(F, initialPhases(seedFor(o.seed, m), n), { k, stop: settings.duration, tmax: o.tmax, reltol: o.reltol });
  return model.kind === 'kuramoto' ? network : toAmplitudeCircuit(network, amplitudeParameters(model, o.amplitude));
}

/** Mean frequencies f_bar (Hz) of every oscillator of example m over the classifier's averaging window, from one circuit run. */
export async function circuitMeanFrequencies(classifier: KuramotoClassifier, x: readonly number[], m: number, model: CircuitModel, o: CircuitRunOptions): Promise<number[]> {
  const { n, settings } = classifier.description;
  const d = exampleCircuit(classifier, x, m, model, o);
  const r = await runDescription(resolveDescription(d));
  const fref = stnoPhase.params.fref.default;
  const [t0, t1] = [settings.duration - settings.window, settings.duration];
  return Array.from({ length: n }, (_, i) => {
    const phase = model.kind === 'kuramoto' ? r.variables[`v(p${i})`] : unwrappedPhase(r.variables[`v(${amplitudeNets(`p${i}`).re})`], r.variables[`v(${amplitudeNets(`p${i}`).im})`]);
    return meanFrequency(r.variables.time, phase, t0, t1, fref);
  });
}

/** Where finished runs are kept (a study can be stopped and resumed): key -> f_bar of one example under one model. */
export interface RunStore {
  get(key: string): number[] | undefined;
  set(key: string, fbarHz: number[]): void;
}

/** Scores of the classifier on examples under one circuit model. */
export interface ModelScore {
  readonly model: CircuitModel;
  readonly label: string;
  readonly prediction: Prediction;
  readonly accuracy: number;
}

/** Runs every example under every model (Kuramoto-level circuit first is the natural reference) and reads the classes out. */
export async function modelMismatchStudy(
  classifier: KuramotoClassifier,
  examples: Examples,
  models: readonly CircuitModel[],
  o: CircuitRunOptions & { readonly store?: RunStore; readonly onRun?: (label: string, m: number) => void },
): Promise<ModelScore[]> {
  const scores: ModelScore[] = [];
  for (const model of models) {
    const label = modelLabel(model);
    const fbar: number[] = [];
    for (let m = 0; m < examples.x.length; m++) {
      const key = `${label}/${m}`;
      let f = o.store?.get(key);
      if (!f) {
        f = await circuitMeanFrequencies(classifier, examples.x[m], m, model, o);
        o.store?.set(key, f);
      }
      fbar.push(...f);
      o.onRun?.(label, m);
    }
    const prediction = readOut(classifier, Float64Array.from(fbar), classifier.description.settings.coupling);
    scores.push({ model, label, prediction, accuracy: accuracy(prediction, examples.y) });
  }
  return scores;
}
