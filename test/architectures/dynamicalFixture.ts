// Test helper: a small spintronic dynamical network (trained-magnitude random weights) and its model.json on disk.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../src/io/atomic.ts';
import { createRng } from '../../src/random/rng.ts';
import { paperConfig, type DynamicalConfig } from '../../src/surrogate/dynamical/config.ts';
import { toModelJson, type DynamicalModel } from '../../src/surrogate/dynamical/model.ts';
import { drawMasks, initParams } from '../../src/surrogate/dynamical/params.ts';

/** A network of configuration `cfg` with weights of trained magnitude (initial drive 0.35/ns), random biases and readout. */
export function randomDynamicalModel(cfg: DynamicalConfig, seed: number): DynamicalModel {
  const masks = drawMasks(cfg, seed);
  const params = initParams(cfg, masks, seed, 0.35);
  const rng = createRng(seed + 100);
  params.b.forEach((b) => b.forEach((_, i) => (b[i] = 0.05 * (2 * rng.uniform() - 1))));
  params.wout.forEach((_, i) => (params.wout[i] = 4 * (2 * rng.uniform() - 1)));
  params.bout.forEach((_, i) => (params.bout[i] = 2 * rng.uniform() - 1));
  return { cfg, masks, params, seed, splitSeed: 0, task: 'seqdigits' };
}

/** `layers` x `width` STNO neurons on the sequential-digits input (randomDynamicalModel of the paper's configuration). */
export function smallDynamicalModel(seed: number, layers = 2, width = 6): DynamicalModel {
  return randomDynamicalModel(paperConfig({ layers, width }), seed);
}

/** smallDynamicalModel written as model.json in a fresh temporary folder. */
export function smallDynamicalModelFile(seed: number): { file: string; model: DynamicalModel } {
  const model = smallDynamicalModel(seed);
  const file = join(mkdtempSync(join(tmpdir(), 'spinspice-dynamical-')), 'model.json');
  writeJsonAtomic(file, toModelJson(model, { steps: 64, dataset: { name: 'scikit-learn digits (test fixture, untrained)' } }));
  return { file, model };
}
