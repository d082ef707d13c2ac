// The deck of one test token of a trained vowel network and its annotation record, as `spinspice netlist MODEL.json --example i` writes them.
import { join } from 'node:path';
import { tokenCircuitDescription, vowelTokenCircuit } from '../architectures/vowels/circuit.ts';
import { powerForInjection, rfSource } from '../devices/rfSource.ts';
import { InputError } from '../errors.ts';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic.ts';
import { emitNetlist } from '../netlist/emit.ts';
import type { VowelTarget } from '../validate/vowelTarget.ts';

/**
 * Writes the deck of test token `index` (0-based in the task's test set; the initial phases `validate` uses for it)
 * with its libraries to `deckFile`, and annotation.json beside it: bias currents, source frequencies and powers.
 */
export function writeVowelTokenDeck(target: VowelTarget, index: number, deckFile: string, dir: string): { hash: string } {
  const m = target.indices.indexOf(index);
  if (m < 0) throw new InputError(`must be a test token index in [0, ${target.indices.length - 1}], got ${index}`, '--example');
  const vowel = target.net.description.classes[target.y[m]];
  const circuit = vowelTokenCircuit(target.net, target.fs[m], target.evalSeed, index);
  const { deck, libraries, hash } = emitNetlist(tokenCircuitDescription({ ...circuit, name: `${target.task} vowel network, test token ${index} (${vowel})` }));
  for (const [name, text] of Object.entries(libraries)) writeFileAtomic(join(dir, name), text);
  writeFileAtomic(deckFile, deck);
  const { coupling, injection } = target.net.description.settings;
  writeJsonAtomic(join(dir, 'annotation.json'), {
    architecture: 'vowels',
    model: target.modelFile,
    modelHash: target.modelHash,
    example: index,
    vowel,
    deck: deckFile,
    deckHash: hash,
    biasCurrents: circuit.biasCurrents,
    sources: circuit.fsMHz.map((f, s) => ({ fMHz: f, P: powerForInjection(injection[s], coupling, rfSource.params.Posc.default), injectionHz: injection[s] })),
  });
  return { hash };
}
