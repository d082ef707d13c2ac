// Model-mismatch study: a back-annotated Kuramoto classifier run as its stnoPhase circuit and as complex-amplitude circuits with nonlinear frequency shift N.
import { classifierCircuit, DEFAULT_RUN, readOutFrequencies } from '../../annotate/kuramotoCircuit.ts';
import type { KuramotoDesign } from '../../annotate/kuramotoDesign.ts';
import { unwrappedPhase } from '../../analysis/amplitude.ts';
import { meanFrequency } from '../../analysis/phase.ts';
import { nonlinearShiftFor, stnoAmplitude } from '../../devices/stnoAmplitude.ts';
import { seedFor } from '../../random/rng.ts';
import { runDescription } from '../../sim/runDescription.ts';
import { resolveDescription } from '../../spec/resolve.ts';
import type { DescriptionInput } from '../../spec/schema.ts';
import { initialPhases } from '../../surrogate/kuramoto/kernel.ts';
import type { KuramotoTarget } from '../../validate/kuramotoTarget.ts';
import { amplitudeNets, toAmplitudeCircuit, type AmplitudeOptions } from '../amplitudeCircuit.ts';

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
  readonly amplitude?: AmplitudeBase;
  /** Transient TMAX (s) and reltol of every run (defaults: the back-annotation's DEFAULT_RUN). */
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

/** Factor on the trained coupling k that the circuit's injection is built with (1/sqrt(1 + nu^2) when calibrated). */
export function injectionScale(model: CircuitModel): number {
  return model.kind === 'amplitude' && model.coupling === 'calibrated' ? 1 / Math.sqrt(1 + model.nu * model.nu) : 1;
}

/**
 * The circuit of example m under `model`: the back-annotated classifier circuit (synapses, drivers, STNO biases) started
 * from the surrogate's initial phases initialPhases(seedFor(evalSeed, m)), then converted to the amplitude model.
 */
export function exampleCircuit(target: KuramotoTarget, m: number, model: CircuitModel, o: CircuitRunOptions = {}): DescriptionInput {
  const { settings } = target.model.description;
  const seed = seedFor(target.training.evalSeed, m);
  const scale = injectionScale(model);
  const design: KuramotoDesign = { ...target.design, oscillators: target.design.oscillators.map((p) => ({ ...p, k: p.k * scale })) };
  const circuit = classifierCircuit(design, target.z[m], {
    initialPhases: initialPhases(seed, design.n),
    seed,
    duration: settings.duration,
    window: settings.window,
    tmax: o.tmax ?? DEFAULT_RUN.tmax,
    reltol: o.reltol ?? DEFAULT_RUN.reltol,
  });
  return model.kind === 'kuramoto' ? circuit : toAmplitudeCircuit(circuit, amplitudeParameters(model, o.amplitude));
}

/** Mean frequencies f_bar (Hz) of every oscillator of example m over the classifier's averaging window, from one circuit run. */
export async function exampleMeanFrequencies(target: KuramotoTarget, m: number, model: CircuitModel, o: CircuitRunOptions = {}): Promise<number[]> {
  const { duration, window } = target.model.description.settings;
  const r = await runDescription(resolveDescription(exampleCircuit(target, m, model, o)));
  return target.design.oscillators.map((osc, i) => {
    const phase = model.kind === 'kuramoto' ? r.variables[`v(p${i})`] : unwrappedPhase(r.variables[`v(${amplitudeNets(`p${i}`).re})`], r.variables[`v(${amplitudeNets(`p${i}`).im})`]);
    return meanFrequency(r.variables.time, phase, duration - window, duration, osc.fref);
  });
}

/** Where finished runs are kept (a study can be stopped and resumed): key -> f_bar of one example under one model. */
export interface RunStore {
  get(key: string): number[] | undefined;
  set(key: string, fbarHz: number[]): void;
}

/** The classifier's read-out of every example under one circuit model. */
export interface ModelScore {
  readonly model: CircuitModel;
  readonly label: string;
  /** Per example: mean frequencies (Hz), D of every output pair, class (first pair synchronized). */
  readonly fbarHz: number[][];
  readonly D: number[][];
  readonly positive: boolean[];
  readonly accuracy: number;
}

/** Runs every example of the target under every model and reads the classes out through the design's output pairs. */
export async function modelMismatchStudy(
  target: KuramotoTarget,
  models: readonly CircuitModel[],
  o: CircuitRunOptions & { readonly store?: RunStore; readonly onRun?: (label: string, m: number) => void } = {},
): Promise<ModelScore[]> {
  const scores: ModelScore[] = [];
  for (const model of models) {
    const label = modelLabel(model);
    const fbarHz: number[][] = [];
    for (let m = 0; m < target.z.length; m++) {
      const key = `${label}/${m}`;
      let f = o.store?.get(key);
      if (!f) {
        f = await exampleMeanFrequencies(target, m, model, o);
        o.store?.set(key, f);
      }
      fbarHz.push(f);
      o.onRun?.(label, m);
    }
    const readOut = fbarHz.map((f) => readOutFrequencies(target.design, f));
    const positive = readOut.map((r) => r.positive);
    const accuracy = positive.filter((p, m) => p === target.y[m]).length / target.y.length;
    scores.push({ model, label, fbarHz, D: readOut.map((r) => r.D), positive, accuracy });
  }
  return scores;
}
