// `spinspice netlist DESCRIPTION.json|MODEL.json [--example i] --out deck.cir`: emit a deck and the device libraries it includes.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { emitNetlist } from '../../netlist/emit.ts';
import { loadDescription } from '../../spec/resolve.ts';
import { writeFileAtomic } from '../../io/atomic.ts';
import { InputError } from '../../errors.ts';
import { writeExampleDeck } from '../../annotate/kuramotoDeck.ts';
import { MODEL_FORMAT } from '../../architectures/kuramoto/persist.ts';
import { VOWEL_MODEL_FORMAT } from '../../architectures/vowels/persist.ts';
import { writeVowelTokenDeck } from '../../annotate/vowelDeck.ts';
import { writeDynamicalDeck } from '../../architectures/dynamical/deck.ts';
import { MODEL_FORMAT as DYNAMICAL_FORMAT } from '../../surrogate/dynamical/model.ts';
import { loadKuramotoTarget } from '../../validate/kuramotoTarget.ts';
import { loadVowelTarget } from '../../validate/vowelTarget.ts';
import { integer } from '../options.ts';

export function registerNetlist(program: Command): void {
  program
    .command('netlist')
    .description('emit an ngspice deck (and the .lib files it includes) from a JSON description, or from a trained model for one test example')
    .argument('<file>', 'description JSON file, or model.json written by spinspice train')
    .requiredOption('--out <deck>', 'deck file to write (libraries go beside it)')
    .option('--analysis <index>', 'which analysis of the description to emit', '0')
    .option('--example <index>', 'with a model: the test example whose input the deck applies')
    .action((file: string, opts: { out: string; analysis: string; example?: string }) => {
      const out = resolve(opts.out);
      if (formatOf(file) === DYNAMICAL_FORMAT) {
        if (opts.example === undefined) throw new InputError('is required with a model (which test example to apply)', '--example');
        const { hash, label } = writeDynamicalDeck(file, integer(opts.example, '--example', 0), out);
        process.stdout.write(`wrote ${opts.out} (test image ${opts.example}, label ${label}; description ${hash.slice(0, 19)})\n`);
        return;
      }
      if (formatOf(file) === MODEL_FORMAT || formatOf(file) === VOWEL_MODEL_FORMAT) {
        const { hash } = writeModelDeck(file, opts.example, out);
        process.stdout.write(`wrote ${opts.out} and annotation.json beside it (description ${hash.slice(0, 19)})\n`);
        return;
      }
      const { deck, libraries, hash } = descriptionDeck(file, opts.analysis);
      try {
        for (const [name, text] of Object.entries(libraries)) writeFileAtomic(join(dirname(out), name), text);
        writeFileAtomic(out, deck);
      } catch (e) {
        throw new InputError(`cannot write the deck: ${(e as Error).message}`, '--out');
      }
      process.stdout.write(`wrote ${opts.out} (${Object.keys(libraries).length} libraries, description ${hash.slice(0, 19)})\n`);
    });
}

function formatOf(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { format?: string }).format;
  } catch {
    return undefined; // loadDescription reports unreadable or malformed files with their field
  }
}

function writeModelDeck(file: string, example: string | undefined, out: string) {
  if (example === undefined) throw new InputError('is required with a model (which test example to apply)', '--example');
  if (formatOf(file) === VOWEL_MODEL_FORMAT) return writeVowelTokenDeck(loadVowelTarget(file), integer(example, '--example', 0), out, dirname(out));
  const target = loadKuramotoTarget(file);
  for (const r of target.outOfRange) process.stderr.write(`out of range: ${r.element}.${r.field} = ${r.value.toExponential(3)} (allowed ${r.allowed[0].toExponential(3)} .. ${r.allowed[1].toExponential(3)}): ${r.note}\n`);
  const index = integer(example, '--example', 0);
  try {
    return writeExampleDeck(target, index, out, dirname(out));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot write the deck: ${(e as Error).message}`, '--out');
  }
}

function descriptionDeck(file: string, analysis: string) {
  const index = Number(analysis);
  const description = loadDescription(file);
  if (!Number.isInteger(index) || index < 0 || index >= description.analyses.length) {
    throw new InputError(`must be an integer in [0, ${description.analyses.length - 1}], got ${analysis}`, '--analysis');
  }
  return emitNetlist(description, index);
}
