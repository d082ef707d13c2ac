// Mismatch Monte Carlo of a spintronic CNN: resumable trials, summary, a nominal run and the accuracy lost to each knob alone.
import { join } from 'node:path';
import { writeJsonAtomic } from '../io/atomic.ts';
import type { CnnTarget } from '../validate/cnnValidation.ts';
import { CNN_KNOBS, runCnnTrial, type CnnSpreads, type CnnTrialRecord, type CnnTrialSpec } from './cnnTrial.ts';
import { runStudy } from './study.ts';
import { writeStudyFigures } from './studyFigures.ts';
import { summarize, type StudySummary } from './summary.ts';

/** What every trial of a study shares besides its spreads and index. */
export type CnnStudyContext = Omit<CnnTrialSpec, 'spreads' | 'index' | 'studySeed'> & { readonly target: CnnTarget };

export interface CnnSensitivity {
  readonly knob: keyof CnnSpreads;
  readonly spread: number;
  readonly mean: number;
  readonly min: number;
  /** Nominal accuracy minus this knob's mean accuracy. */
  readonly drop: number;
}

export interface CnnMismatchSummary extends StudySummary {
  readonly level: CnnTrialSpec['level'];
  readonly seed: number;
  readonly spreads: CnnSpreads;
  readonly examples: number;
  readonly modelHash: string;
  /** Accuracy without any spread (one trial: nothing is random then). */
  readonly nominal: number | null;
  readonly sensitivity: CnnSensitivity[];
}

function runTrials(c: CnnStudyContext, o: { dir: string; spreads: CnnSpreads; trials: number; seed: number; label: string }): Promise<CnnTrialRecord[]> {
  return runStudy<CnnTrialRecord>({
    dir: o.dir,
    identity: { kind: 'cnn-trials', modelHash: c.target.modelHash, examples: c.indices, level: c.level, engine: c.engine, maxResonators: c.maxResonators, spreads: o.spreads, seed: o.seed },
    trials: o.trials,
    // surrogate trials share this thread's tfjs backend; a circuit trial spreads its decks over the pool itself
    concurrency: 1,
    label: o.label,
    run: (index) => runCnnTrial({ ...c, spreads: o.spreads, studySeed: o.seed, index }),
  });
}

/**
 * `trials` trials with every spread on (DIR/trials.jsonl); with `sensitivityTrials` > 0 also the nominal network and each knob
 * alone (DIR/sensitivity/<knob>/), ranked by accuracy drop. Writes summary.json, accuracy.svg and sensitivity.svg.
 */
export async function cnnMismatchStudy(
  c: CnnStudyContext,
  o: { dir: string; spreads: CnnSpreads; trials: number; seed: number; threshold: number; sensitivityTrials: number },
): Promise<CnnMismatchSummary> {
  const records = await runTrials(c, { dir: o.dir, spreads: o.spreads, trials: o.trials, seed: o.seed, label: `mc ${c.level}` });
  let nominal: number | null = null;
  const sensitivity: CnnSensitivity[] = [];
  if (o.sensitivityTrials > 0) {
    const at = (name: string) => join(o.dir, 'sensitivity', name);
    const none: CnnSpreads = { sigma: 0, gain: 0 };
    nominal = (await runTrials(c, { dir: at('nominal'), spreads: none, trials: 1, seed: o.seed, label: 'mc nominal' }))[0].accuracy ?? null;
    for (const knob of CNN_KNOBS.filter((k) => o.spreads[k] > 0)) {
      const s = summarize(await runTrials(c, { dir: at(knob), spreads: { ...none, [knob]: o.spreads[knob] }, trials: o.sensitivityTrials, seed: o.seed, label: `mc ${knob} only` }), o.threshold);
      sensitivity.push({ knob, spread: o.spreads[knob], mean: s.mean, min: s.min, drop: (nominal ?? NaN) - s.mean });
    }
    sensitivity.sort((a, b) => b.drop - a.drop);
  }
  const out: CnnMismatchSummary = { ...summarize(records, o.threshold), level: c.level, seed: o.seed, spreads: o.spreads, examples: c.indices.length, modelHash: c.target.modelHash, nominal, sensitivity };
  writeJsonAtomic(join(o.dir, 'summary.json'), out);
  const accuracies = records.filter((r) => r.accuracy !== undefined).map((r) => r.accuracy!);
  await writeStudyFigures({ dir: o.dir, level: c.level, accuracies, sensitivity, sensitivityTrials: o.sensitivityTrials, accuracyTitle: `test accuracy over ${accuracies.length} trials (${c.level}, sigma ${o.spreads.sigma}, gain ${100 * o.spreads.gain} %)` });
  return out;
}
