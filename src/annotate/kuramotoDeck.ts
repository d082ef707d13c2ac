// The deck of one test example of a trained Kuramoto classifier and its annotation record, as `spinspice netlist MODEL.json --example i` writes them.
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic.ts';
import { emitNetlist } from '../netlist/emit.ts';
import { seedFor } from '../random/rng.ts';
import { resolveDescription } from '../spec/resolve.ts';
import { initialPhases } from '../surrogate/kuramoto/kernel.ts';
import { InputError } from '../errors.ts';
import type { KuramotoTarget } from '../validate/kuramotoTarget.ts';
import { classifierCircuit } from './kuramotoCircuit.ts';

/**
 * Deck + libraries for test example `index` (0-based in the task's test set), starting from the initial phases the
 * surrogate and `validate` use for it (initialPhases(seedFor(evalSeed, index))), noiseless.
 */
export function exampleDeck(target: KuramotoTarget, index: number, tmax?: number): { deck: string; libraries: Record<string, string>; hash: string } {
  const m = target.indices.indexOf(index);
  if (m < 0) throw new InputError(`must be a test example index in [0, ${target.indices.length - 1}], got ${index}`, '--example');
  const seed = seedFor(target.training.evalSeed, m);
  const description = classifierCircuit(target.design, target.z[m], { initialPhases: initialPhases(seed, target.design.n), seed, ...(tmax ? { tmax } : {}) });
  return emitNetlist(resolveDescription({ ...description, name: `${target.training.task} classifier, test example ${index} (target ${target.y[m] ? 'sync' : 'async'})` }));
}

/** Writes the deck of test example `index` (+ its libraries) to `deckFile` and annotation.json (design, out-of-range report, deck hash) beside it. */
export function writeExampleDeck(target: KuramotoTarget, index: number, deckFile: string, dir: string): { hash: string } {
  const { deck, libraries, hash } = exampleDeck(target, index);
  for (const [name, text] of Object.entries(libraries)) writeFileAtomic(join(dir, name), text);
  writeFileAtomic(deckFile, deck);
  writeJsonAtomic(join(dir, 'annotation.json'), { model: target.modelFile, modelHash: target.modelHash, example: index, deck: deckFile, deckHash: hash, design: target.design, outOfRange: target.outOfRange });
  return { hash };
}
