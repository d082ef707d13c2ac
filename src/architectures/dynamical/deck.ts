// `spinspice netlist MODEL.json --example i` for a dynamical network: the back-annotated circuit driven by test image i.
import { dirname, join } from 'node:path';
import { InputError } from '../../errors.ts';
import { writeFileAtomic } from '../../io/atomic.ts';
import { emitNetlist } from '../../netlist/emit.ts';
import { resolveDescription } from '../../spec/resolve.ts';
import { loadModel } from '../../surrogate/dynamical/model.ts';
import { dynamicalCircuit } from './circuit.ts';
import { seqDigitsData } from './seqDigits.ts';

/** Writes the deck of test image `example` of the model to `out` and its device libraries beside it. */
export function writeDynamicalDeck(modelFile: string, example: number, out: string): { hash: string; label: number } {
  const model = loadModel(modelFile);
  const test = seqDigitsData(model.splitSeed).test;
  if (example >= test.count) throw new InputError(`must be a test image index in [0, ${test.count - 1}], got ${example}`, '--example');
  const per = test.inputs.length / test.count;
  const description = dynamicalCircuit(model, test.inputs.subarray(example * per, (example + 1) * per));
  const { deck, libraries, hash } = emitNetlist(resolveDescription({ ...description, name: `${description.name}: test example ${example} (label ${test.labels[example]})` }), 0);
  try {
    for (const [name, text] of Object.entries(libraries)) writeFileAtomic(join(dirname(out), name), text);
    writeFileAtomic(out, deck);
  } catch (e) {
    throw new InputError(`cannot write the deck: ${(e as Error).message}`, '--out');
  }
  return { hash, label: test.labels[example] };
}
