// Studies of a trained vowel network: mismatch Monte Carlo with a one-at-a-time sensitivity ranking, and phase-noise sweeps.
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic.ts';
import type { TaskPool } from '../parallel/taskPool.ts';
import { seedFor } from '../random/rng.ts';
import { bandChart } from '../report/xyFigures.ts';
import type { EngineName } from '../sim/simulate.ts';
import { resolveForcedSettings, type ForcedSettings } from '../surrogate/forced/params.ts';
import type { VowelTarget } from '../validate/vowelTarget.ts';
import type { Level } from './kuramotoTrial.ts';
import { knobTableSpreads } from './mismatch.ts';
import { runStudy } from './study.ts';
import { writeStudyFigures } from './studyFigures.ts';
import { summarize, type StudySummary } from './summary.ts';
import { VOWEL_KNOB_NAMES, VOWEL_KNOBS, type VowelKnob, type VowelSpreads, type VowelTrialRecord, type VowelTrialSpec } from './vowelTrial.ts';

/** What every study of a vowel network shares. */
export interface VowelStudyContext {
  readonly target: VowelTarget;
  /** Programmed bias currents per evaluated token (A), from the nominal devices. */
  readonly currents: number[][];
  readonly pool: TaskPool;
  readonly engine: EngineName;
  readonly tmax: number;
  readonly timeoutMs: number;
  /** Surrogate integration settings (the model's, possibly with another dt; no noise). */
  readonly settings: ForcedSettings;
}

export interface VowelStudyRun {
  readonly dir: string;
  readonly level: Level;
  readonly spreads: VowelSpreads;
  readonly linewidth: number;
  readonly trials: number;
  readonly seed: number;
  readonly label: string;
}

/** The context of a loaded target: bias currents of its tokens, surrogate settings with Euler step `dt` (no noise). */
export function vowelStudyContext(target: VowelTarget, o: { pool: TaskPool; engine: EngineName; tmax: number; timeoutMs: number; dt: number }): VowelStudyContext {
  return {
    target,
    currents: target.net.biasCurrents(target.fs),
    pool: o.pool,
    engine: o.engine,
    tmax: o.tmax,
    timeoutMs: o.timeoutMs,
    settings: resolveForcedSettings({ ...target.net.description.settings, dt: o.dt, linewidth: 0 }),
  };
}

/** The spreads of the device tables for every vowel knob. */
export function vowelTableSpreads(): VowelSpreads {
  return knobTableSpreads(VOWEL_KNOBS);
}

/** Every knob at zero spread (phase-noise studies, nominal runs). */
export function noVowelSpreads(): VowelSpreads {
  const table = vowelTableSpreads();
  return Object.fromEntries(VOWEL_KNOB_NAMES.map((n) => [n, { ...table[n], sigma: 0 }])) as VowelSpreads;
}

const TRIAL_MODULE = new URL('./vowelTrial.ts', import.meta.url);

/** The spec of trial `index` of a study (what a replay needs besides the index). */
export function vowelTrialSpec(c: VowelStudyContext, r: Pick<VowelStudyRun, 'level' | 'spreads' | 'linewidth' | 'seed'>, index: number): VowelTrialSpec {
  return {
    currents: c.currents,
    fs: c.target.fs,
    y: c.target.y,
    decoder: c.target.net.decoder,
    settings: c.settings,
    level: r.level,
    spreads: r.spreads,
    linewidth: r.linewidth,
    engine: c.engine,
    tmax: c.tmax,
    timeoutMs: c.timeoutMs,
    studySeed: r.seed,
    index,
  };
}

/** One resumable study (trials.jsonl in r.dir) on the pool; returns every record, sorted by index. */
export function runVowelTrials(c: VowelStudyContext, r: VowelStudyRun): Promise<VowelTrialRecord[]> {
  const { dir, trials, label, ...identity } = r;
  return runStudy<VowelTrialRecord>({
    dir,
    identity: { kind: 'vowel-trials', modelHash: c.target.modelHash, examples: c.target.indices, engine: c.engine, tmax: c.tmax, settings: c.settings, ...identity },
    trials,
    concurrency: c.pool.workers,
    label,
    // runVowelTrial records its own failures; a worker that dies is recorded the same way and the study goes on
    run: (index) =>
      c.pool
        .run<VowelTrialRecord>(TRIAL_MODULE, 'runVowelTrial', [vowelTrialSpec(c, r, index)])
        .catch((e: Error) => ({ index, seed: seedFor(r.seed, index), sample: {} as VowelTrialRecord['sample'], error: `worker failed: ${e.message}`, seconds: 0 })),
  });
}

export interface VowelSensitivityEntry {
  readonly knob: VowelKnob;
  readonly spread: VowelSpreads[VowelKnob];
  readonly mean: number;
  readonly min: number;
  /** Nominal mean accuracy minus this knob's mean accuracy (accuracy lost to this knob alone). */
  readonly drop: number;
}

export interface VowelMismatchSummary extends StudySummary {
  readonly level: Level;
  readonly seed: number;
  readonly spreads: VowelSpreads;
  readonly linewidth: number;
  readonly examples: number;
  readonly modelHash: string;
  /** Mean accuracy with every spread at zero (same trial seeds: same initial phases and noise). */
  readonly nominal: number | null;
  /** Knobs ranked by accuracy drop, largest first (empty when sensitivity trials = 0). */
  readonly sensitivity: VowelSensitivityEntry[];
}

/**
 * Mismatch Monte Carlo: `trials` trials with every spread on (DIR/trials.jsonl), then, with `sensitivityTrials` > 0, a
 * nominal study and one study per knob with only that knob on (DIR/sensitivity/<knob>/), ranked by accuracy drop.
 * Writes summary.json, accuracy.svg and sensitivity.svg.
 */
export async function vowelMismatchStudy(
  c: VowelStudyContext,
  o: { dir: string; level: Level; spreads: VowelSpreads; linewidth: number; trials: number; seed: number; threshold: number; sensitivityTrials: number },
): Promise<VowelMismatchSummary> {
  const base = { level: o.level, linewidth: o.linewidth, seed: o.seed };
  const records = await runVowelTrials(c, { ...base, dir: o.dir, spreads: o.spreads, trials: o.trials, label: `mc ${o.level}` });
  const summary = summarize(records, o.threshold);
  let nominal: number | null = null;
  const sensitivity: VowelSensitivityEntry[] = [];
  if (o.sensitivityTrials > 0) {
    const none = noVowelSpreads();
    const at = (name: string) => join(o.dir, 'sensitivity', name);
    nominal = summarize(await runVowelTrials(c, { ...base, dir: at('nominal'), spreads: none, trials: o.sensitivityTrials, label: 'mc nominal' }), o.threshold).mean;
    for (const knob of VOWEL_KNOB_NAMES.filter((k) => o.spreads[k].sigma > 0)) {
      const only = { ...none, [knob]: o.spreads[knob] };
      const s = summarize(await runVowelTrials(c, { ...base, dir: at(knob), spreads: only, trials: o.sensitivityTrials, label: `mc ${knob} only` }), o.threshold);
      sensitivity.push({ knob, spread: o.spreads[knob], mean: s.mean, min: s.min, drop: nominal - s.mean });
    }
    sensitivity.sort((a, b) => b.drop - a.drop);
  }
  const out: VowelMismatchSummary = {
    ...summary,
    level: o.level,
    seed: o.seed,
    spreads: o.spreads,
    linewidth: o.linewidth,
    examples: c.target.fs.length,
    modelHash: c.target.modelHash,
    nominal,
    sensitivity,
  };
  writeJsonAtomic(join(o.dir, 'summary.json'), out);
  const accuracies = records.filter((r) => r.accuracy !== undefined).map((r) => r.accuracy!);
  await writeStudyFigures({ dir: o.dir, level: o.level, accuracies, sensitivity, sensitivityTrials: o.sensitivityTrials });
  return out;
}

export interface VowelNoiseLevel {
  readonly linewidthHz: number;
  readonly surrogate: StudySummary | null;
  readonly circuit: StudySummary | null;
}

export interface VowelNoiseSweep {
  /** Marks the vowel document shape for readers of any noise.json (spinspice report). */
  readonly architecture: 'vowels';
  readonly seed: number;
  readonly examples: number;
  readonly circuitExamples: number;
  readonly trials: number;
  readonly circuitTrials: number;
  readonly modelHash: string;
  readonly levels: VowelNoiseLevel[];
}

/**
 * Phase-noise sweep: for each linewidth, `trials` surrogate trials and `circuitTrials` ngspice trials (fresh initial
 * phases and noise each, no mismatch) in DIR/<level>/<linewidth>Hz/. Writes noise.json and noise.svg (mean and min-max
 * band against linewidth, both levels on one figure).
 */
export async function vowelNoiseSweep(
  surrogate: VowelStudyContext,
  circuit: VowelStudyContext,
  o: { dir: string; linewidths: readonly number[]; trials: number; circuitTrials: number; seed: number },
): Promise<VowelNoiseSweep> {
  const levels: VowelNoiseLevel[] = [];
  const none = noVowelSpreads();
  for (const linewidth of o.linewidths) {
    const run = async (c: VowelStudyContext, level: Level, trials: number) =>
      trials > 0
        ? summarize(await runVowelTrials(c, { dir: join(o.dir, level, `${linewidth}Hz`), level, spreads: none, linewidth, trials, seed: o.seed, label: `noise ${level} ${linewidth / 1e6} MHz` }), 0)
        : null;
    levels.push({ linewidthHz: linewidth, surrogate: await run(surrogate, 'surrogate', o.trials), circuit: await run(circuit, 'circuit', o.circuitTrials) });
  }
  const sweep: VowelNoiseSweep = {
    architecture: 'vowels',
    seed: o.seed,
    examples: surrogate.target.fs.length,
    circuitExamples: circuit.target.fs.length,
    trials: o.trials,
    circuitTrials: o.circuitTrials,
    modelHash: surrogate.target.modelHash,
    levels,
  };
  writeJsonAtomic(join(o.dir, 'noise.json'), sweep);
  const series = (['surrogate', 'circuit'] as const)
    .map((level) => {
      const rows = levels.filter((l) => l[level] && l[level]!.finished > 0);
      const trials = level === 'surrogate' ? o.trials : o.circuitTrials;
      const examples = level === 'surrogate' ? sweep.examples : sweep.circuitExamples;
      return {
        name: `${level} (${trials} trials, ${examples} tokens)`,
        x: rows.map((l) => l.linewidthHz / 1e6),
        mean: rows.map((l) => 100 * l[level]!.mean),
        min: rows.map((l) => 100 * l[level]!.min),
        max: rows.map((l) => 100 * l[level]!.max),
      };
    })
    .filter((s) => s.x.length > 0);
  if (series.length > 0) {
    writeFileAtomic(join(o.dir, 'noise.svg'), await bandChart({ title: 'vowel test accuracy under phase noise: mean and min-max over trials', xLabel: 'STNO linewidth (MHz)', yLabel: 'test accuracy (%)', series }));
  }
  return sweep;
}
