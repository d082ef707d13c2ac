// Studies of a back-annotated Kuramoto classifier: mismatch Monte Carlo with a one-at-a-time sensitivity ranking, and phase-noise sweeps.
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic.ts';
import type { TaskPool } from '../parallel/taskPool.ts';
import { seedFor } from '../random/rng.ts';
import { bandChart } from '../report/xyFigures.ts';
import type { EngineName } from '../sim/simulate.ts';
import type { KuramotoSettings } from '../surrogate/kuramoto/params.ts';
import type { KuramotoTarget } from '../validate/kuramotoTarget.ts';
import type { Level, TrialRecord, TrialSpec } from './kuramotoTrial.ts';
import { KNOB_NAMES, noSpreads, type KnobName, type Spreads } from './mismatch.ts';
import { runStudy } from './study.ts';
import { writeStudyFigures } from './studyFigures.ts';
import { summarize, type StudySummary } from './summary.ts';

/** What every study of a target shares. */
export interface StudyContext {
  readonly target: KuramotoTarget;
  readonly pool: TaskPool;
  readonly engine: EngineName;
  readonly tmax: number;
  /** Time limit of one ngspice run (ms); a run over it fails its trial, which is recorded with the reason. */
  readonly timeoutMs?: number;
  /** Surrogate integration settings (the model's, possibly with another dt). */
  readonly settings: KuramotoSettings;
}

export interface StudyRun {
  readonly dir: string;
  readonly level: Level;
  readonly spreads: Spreads;
  readonly linewidth: number;
  readonly trials: number;
  readonly seed: number;
  readonly label: string;
}

const TRIAL_MODULE = new URL('./kuramotoTrial.ts', import.meta.url);

/** The spec of trial `index` of a study (what a replay needs besides the index). */
export function trialSpec(c: StudyContext, r: Omit<StudyRun, 'dir' | 'trials' | 'label'>, index: number): TrialSpec {
  return {
    design: c.target.design,
    z: c.target.z,
    y: c.target.y,
    level: r.level,
    spreads: r.spreads,
    linewidth: r.linewidth,
    settings: c.settings,
    engine: c.engine,
    tmax: c.tmax,
    timeoutMs: c.timeoutMs,
    studySeed: r.seed,
    index,
  };
}

/** One resumable study (trials.jsonl in r.dir) on the pool; returns every record, sorted by index. */
export function runTrials(c: StudyContext, r: StudyRun): Promise<TrialRecord[]> {
  const { dir, trials, label, ...identity } = r;
  return runStudy<TrialRecord>({
    dir,
    identity: { kind: 'kuramoto-trials', modelHash: c.target.modelHash, examples: c.target.indices, engine: c.engine, tmax: c.tmax, settings: c.settings, ...identity },
    trials,
    concurrency: c.pool.workers,
    label,
    // runTrial records its own failures; a worker that dies is recorded the same way and the study goes on
    run: (index) =>
      c.pool.run<TrialRecord>(TRIAL_MODULE, 'runTrial', [trialSpec(c, r, index)]).catch((e: Error) => ({ index, seed: seedFor(r.seed, index), sample: {} as TrialRecord['sample'], error: `worker failed: ${e.message}`, seconds: 0 })),
  });
}

export interface SensitivityEntry {
  readonly knob: KnobName;
  readonly spread: Spreads[KnobName];
  readonly mean: number;
  readonly min: number;
  /** Nominal mean accuracy minus this knob's mean accuracy (points of accuracy lost to this knob alone). */
  readonly drop: number;
}

export interface MismatchSummary extends StudySummary {
  readonly level: Level;
  readonly seed: number;
  readonly spreads: Spreads;
  readonly linewidth: number;
  readonly examples: number;
  readonly modelHash: string;
  /** Euler step of surrogate-level trials (s). */
  readonly dt: number;
  /** Engine and largest transient step of circuit-level trials. */
  readonly engine: EngineName;
  readonly tmax: number;
  /** Mean accuracy with every spread at zero (same trial seeds: same initial phases). */
  readonly nominal: number | null;
  /** Knobs ranked by accuracy drop, largest first (empty when sensitivity trials = 0). */
  readonly sensitivity: SensitivityEntry[];
}

/**
 * Mismatch Monte Carlo: `trials` trials with every spread on (DIR/trials.jsonl), then, with `sensitivityTrials` > 0,
 * a nominal study (all spreads zero) and one study per knob with only that knob on (DIR/sensitivity/<knob>/),
 * ranked by accuracy drop. Writes summary.json, accuracy.svg and sensitivity.svg.
 */
export async function mismatchStudy(
  c: StudyContext,
  o: { dir: string; level: Level; spreads: Spreads; linewidth: number; trials: number; seed: number; threshold: number; sensitivityTrials: number },
): Promise<MismatchSummary> {
  const base = { level: o.level, linewidth: o.linewidth, seed: o.seed };
  const records = await runTrials(c, { ...base, dir: o.dir, spreads: o.spreads, trials: o.trials, label: `mc ${o.level}` });
  const summary = summarize(records, o.threshold);
  let nominal: number | null = null;
  const sensitivity: SensitivityEntry[] = [];
  if (o.sensitivityTrials > 0) {
    const none = noSpreads();
    const at = (name: string) => join(o.dir, 'sensitivity', name);
    nominal = summarize(await runTrials(c, { ...base, dir: at('nominal'), spreads: none, trials: o.sensitivityTrials, label: 'mc nominal' }), o.threshold).mean;
    for (const knob of KNOB_NAMES.filter((k) => o.spreads[k].sigma > 0)) {
      const only = { ...none, [knob]: o.spreads[knob] };
      const s = summarize(await runTrials(c, { ...base, dir: at(knob), spreads: only, trials: o.sensitivityTrials, label: `mc ${knob} only` }), o.threshold);
      sensitivity.push({ knob, spread: o.spreads[knob], mean: s.mean, min: s.min, drop: nominal - s.mean });
    }
    sensitivity.sort((a, b) => b.drop - a.drop);
  }
  const out: MismatchSummary = {
    ...summary,
    level: o.level,
    seed: o.seed,
    spreads: o.spreads,
    linewidth: o.linewidth,
    examples: c.target.z.length,
    modelHash: c.target.modelHash,
    dt: c.settings.dt,
    engine: c.engine,
    tmax: c.tmax,
    nominal,
    sensitivity,
  };
  writeJsonAtomic(join(o.dir, 'summary.json'), out);
  const accuracies = records.filter((r) => r.accuracy !== undefined).map((r) => r.accuracy!);
  await writeStudyFigures({ dir: o.dir, level: o.level, accuracies, sensitivity, sensitivityTrials: o.sensitivityTrials });
  return out;
}

export interface NoiseLevel {
  readonly linewidthHz: number;
  readonly surrogate: StudySummary | null;
  readonly circuit: StudySummary | null;
}

export interface NoiseSweep {
  readonly seed: number;
  readonly examples: number;
  readonly circuitExamples: number;
  readonly modelHash: string;
  readonly levels: NoiseLevel[];
}

/**
 * Phase-noise sweep (paper 000 Fig. 8): for each linewidth, `trials` surrogate trials and `circuitTrials` ngspice trials
 * (new initial phases and noise seed each, no mismatch) in DIR/<level>/<linewidth>Hz/. Writes noise.json and noise.svg
 * (mean and min-max band against linewidth, both levels on one figure).
 */
export async function noiseSweep(
  surrogate: StudyContext,
  circuit: StudyContext,
  o: { dir: string; linewidths: readonly number[]; trials: number; circuitTrials: number; seed: number },
): Promise<NoiseSweep> {
  const levels: NoiseLevel[] = [];
  const none = noSpreads();
  for (const linewidth of o.linewidths) {
    const at = (level: Level) => join(o.dir, level, `${linewidth}Hz`);
    const run = async (c: StudyContext, level: Level, trials: number) =>
      trials > 0 ? summarize(await runTrials(c, { dir: at(level), level, spreads: none, linewidth, trials, seed: o.seed, label: `noise ${level} ${linewidth / 1e6} MHz` }), 0) : null;
    levels.push({ linewidthHz: linewidth, surrogate: await run(surrogate, 'surrogate', o.trials), circuit: await run(circuit, 'circuit', o.circuitTrials) });
  }
  const sweep: NoiseSweep = { seed: o.seed, examples: surrogate.target.z.length, circuitExamples: circuit.target.z.length, modelHash: surrogate.target.modelHash, levels };
  writeJsonAtomic(join(o.dir, 'noise.json'), sweep);
  const series = (['surrogate', 'circuit'] as const)
    .map((level) => {
      const rows = levels.filter((l) => l[level] && l[level]!.finished > 0);
      const trials = level === 'surrogate' ? o.trials : o.circuitTrials;
      return {
        name: `${level} (${trials} trials${level === 'circuit' ? `, ${circuit.target.z.length} examples` : ''})`,
        x: rows.map((l) => l.linewidthHz / 1e6),
        mean: rows.map((l) => 100 * l[level]!.mean),
        min: rows.map((l) => 100 * l[level]!.min),
        max: rows.map((l) => 100 * l[level]!.max),
      };
    })
    .filter((s) => s.x.length > 0);
  if (series.length > 0) writeFileAtomic(join(o.dir, 'noise.svg'), await bandChart({ title: 'test accuracy under phase noise: mean and min-max over trials', xLabel: 'linewidth (MHz)', yLabel: 'test accuracy (%)', series }));
  return sweep;
}
