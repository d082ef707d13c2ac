// Accuracy under resonance-frequency variability (paper 002 Fig. 6): a trained model evaluated with seeded device draws per sigma.
import type { ImageSet } from '../../data/images.ts';
import type { CnnModel } from '../../surrogate/cnn/model.ts';
import { evaluateModel } from '../../surrogate/cnn/train.ts';
import { drawDevices } from '../../surrogate/cnn/variability.ts';

/** The sigmas of the sweep (units of the resonance half width; paper 002 Fig. 6 spans 1e-2 .. 1). */
export const PAPER_SIGMAS = [0, 0.01, 0.03, 0.1, 0.3, 1] as const;

export interface VariabilityPoint {
  readonly sigma: number;
  readonly deviceSeed: number;
  readonly accuracy: number;
  readonly loss: number;
}

/** A sweep as stored (results:cnn: runs/cnn/results/<task>-variability-eval-<model>.json); `spinspice report` shows any *variability*.json of this shape. */
export interface VariabilitySweepRecord {
  readonly task: string;
  readonly modelSeed: number;
  /** Test images evaluated (evenly spaced over the test set). */
  readonly images: number;
  readonly points: readonly VariabilityPoint[];
}

/**
 * Test accuracy of a model whose every resonator is shifted by eq. 4, f_res = f_res,nominal (1 + alpha sigma n), for each sigma and
 * device seed (the same draws n for every sigma of a seed). The weights were trained without knowing the shifts: weight sharing
 * through one write line per filter coefficient cannot correct them.
 */
export function evaluateUnderVariability(model: CnnModel, test: ImageSet, sigmas: readonly number[], deviceSeeds: readonly number[], onPoint?: (p: VariabilityPoint) => void): VariabilityPoint[] {
  const points: VariabilityPoint[] = [];
  for (const deviceSeed of deviceSeeds) {
    const draws = drawDevices(model.arch, deviceSeed);
    for (const sigma of sigmas) {
      const e = evaluateModel(model, test, sigma > 0 ? { sigma, draws } : undefined);
      const p = { sigma, deviceSeed, accuracy: e.accuracy, loss: e.loss };
      points.push(p);
      onPoint?.(p);
    }
  }
  return points;
}
