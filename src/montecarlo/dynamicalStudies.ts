// Mismatch Monte Carlo of a back-annotated dynamical STNO network, with a one-at-a-time sensitivity ranking.
import { join } from 'node:path';
import { writeJsonAtomic } from '../io/atomic.ts';
import type { TaskPool } from '../parallel/taskPool.ts';
import type { DynamicalTarget } from '../validate/dynamicalValidation.ts';
import { DYNAMICAL_KNOB_NAMES, dynamicalNoSpreads, type DynamicalKnob, type DynamicalSpreads } from './dynamicalMismatch.ts';
import type { DynamicalCircuitRun, DynamicalTrialRecord, DynamicalTrialSpec } from './dynamicalTrial.ts';
import { runStudy } from './study.ts';
import { writeStudyFigures } from './studyFigures.ts';
import { summarize, type StudySummary } from './summary.ts';

export interface DynamicalStudyContext extends DynamicalCircuitRun {
  readonly target: DynamicalTarget;
  readonly pool: TaskPool;
}

/** What defines one study besides its folder and trial count. */
export interface DynamicalStudy {
  readonly level: DynamicalTrialSpec['level'];
  readonly spreads: DynamicalSpreads;
  readonly seed: number;
}

const TRIALS = new URL('./dynamicalTrial.ts', import.meta.url);

/** The spec of trial `index` (what a replay needs besides the index). */
export function dynamicalTrialSpec(c: DynamicalStudyContext, s: DynamicalStudy, index: number): DynamicalTrialSpec {
  return { modelFile: c.target.modelFile, indices: c.target.indices, level: s.level, spreads: s.spreads, studySeed: s.seed, index, engine: c.engine, tmax: c.tmax };
}

/** One resumable study (trials.jsonl in dir) on the pool. */
export function runDynamicalTrials(c: DynamicalStudyContext, s: DynamicalStudy & { dir: string; trials: number; label: string }): Promise<DynamicalTrialRecord[]> {
  const { dir, trials, label, ...study } = s;
  const identity = { kind: 'dynamical-trials', modelHash: c.target.modelHash, indices: c.target.indices, ...(study.level === 'circuit' ? { engine: c.engine, tmax: c.tmax } : {}), ...study };
  return runStudy<DynamicalTrialRecord>({
    dir,
    identity,
    trials,
    concurrency: c.pool.workers,
    label,
    run: (index) => c.pool.run<DynamicalTrialRecord>(TRIALS, 'runDynamicalTrial', [dynamicalTrialSpec(c, study, index)]).catch((e: Error) => ({ index, seed: 0, sample: {} as DynamicalTrialRecord['sample'], error: `worker failed: ${e.message}`, seconds: 0 })),
  });
}

export interface DynamicalSensitivity {
  readonly knob: DynamicalKnob;
  readonly spread: DynamicalSpreads[DynamicalKnob];
  readonly mean: number;
  readonly min: number;
  /** Nominal accuracy minus this knob's mean accuracy. */
  readonly drop: number;
}

export interface DynamicalMismatchSummary extends StudySummary {
  readonly level: DynamicalStudy['level'];
  readonly seed: number;
  readonly spreads: DynamicalSpreads;
  readonly examples: number;
  readonly modelHash: string;
  /** Accuracy of the nominal network (every spread zero). */
  readonly nominal: number | null;
  /** Knobs ranked by accuracy drop, largest first (empty when sensitivity trials = 0). */
  readonly sensitivity: DynamicalSensitivity[];
}

/**
 * `trials` trials with every spread on (DIR/trials.jsonl); with sensitivityTrials > 0 also the nominal network
 * (DIR/sensitivity/nominal, one trial: it is deterministic) and each knob alone (DIR/sensitivity/<knob>), ranked by
 * accuracy drop. Writes summary.json, accuracy.svg and sensitivity.svg.
 */
export async function dynamicalMismatchStudy(
  c: DynamicalStudyContext,
  o: DynamicalStudy & { dir: string; trials: number; threshold: number; sensitivityTrials: number },
): Promise<DynamicalMismatchSummary> {
  const base = { level: o.level, seed: o.seed };
  const records = await runDynamicalTrials(c, { ...base, dir: o.dir, spreads: o.spreads, trials: o.trials, label: `mc ${o.level}` });
  const summary = summarize(records, o.threshold);
  let nominal: number | null = null;
  const sensitivity: DynamicalSensitivity[] = [];
  if (o.sensitivityTrials > 0) {
    const none = dynamicalNoSpreads();
    const at = (name: string) => join(o.dir, 'sensitivity', name);
    nominal = summarize(await runDynamicalTrials(c, { ...base, dir: at('nominal'), spreads: none, trials: 1, label: 'mc nominal' }), o.threshold).mean;
    for (const knob of DYNAMICAL_KNOB_NAMES.filter((k) => o.spreads[k].sigma > 0)) {
      const s = summarize(await runDynamicalTrials(c, { ...base, dir: at(knob), spreads: { ...none, [knob]: o.spreads[knob] }, trials: o.sensitivityTrials, label: `mc ${knob} only` }), o.threshold);
      sensitivity.push({ knob, spread: o.spreads[knob], mean: s.mean, min: s.min, drop: nominal - s.mean });
    }
    sensitivity.sort((a, b) => b.drop - a.drop);
  }
  const out: DynamicalMismatchSummary = { ...summary, level: o.level, seed: o.seed, spreads: o.spreads, examples: c.target.indices.length, modelHash: c.target.modelHash, nominal, sensitivity };
  writeJsonAtomic(join(o.dir, 'summary.json'), out);
  const accuracies = records.filter((r) => r.accuracy !== undefined).map((r) => r.accuracy!);
  await writeStudyFigures({ dir: o.dir, level: o.level, accuracies, sensitivity, sensitivityTrials: o.sensitivityTrials });
  return out;
}
