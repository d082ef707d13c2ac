// The figures of a mismatch study: accuracy histogram over its trials and the one-knob-at-a-time sensitivity bars.
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';
import { barChart, histogram } from '../report/distributionFigures.ts';

export interface StudyFigureInput {
  dir: string;
  level: string;
  /** Trial accuracies as fractions (failed trials left out). */
  accuracies: number[];
  sensitivity: { knob: string; drop: number }[];
  sensitivityTrials: number;
  /** Histogram title; default names the trial count and level. */
  accuracyTitle?: string;
}

/** Writes `accuracy.svg` (when a trial finished) and `sensitivity.svg` (when knobs were ranked) into `dir`. */
export async function writeStudyFigures(f: StudyFigureInput): Promise<void> {
  const percent = f.accuracies.map((a) => 100 * a);
  if (percent.length > 0) {
    const title = f.accuracyTitle ?? `test accuracy over ${percent.length} mismatch trials (${f.level})`;
    writeFileAtomic(join(f.dir, 'accuracy.svg'), await histogram({ title, xLabel: 'accuracy (%)', values: percent }));
  }
  if (f.sensitivity.length > 0) {
    const svg = await barChart({
      title: `accuracy lost to each knob alone (${f.sensitivityTrials} trials each, ${f.level})`,
      categories: f.sensitivity.map((s) => s.knob),
      values: f.sensitivity.map((s) => 100 * s.drop),
      xLabel: 'knob',
      yLabel: 'accuracy drop (points)',
    });
    writeFileAtomic(join(f.dir, 'sensitivity.svg'), svg);
  }
}
