// `spinspice netlist DESCRIPTION.json --out deck.cir`: emit a deck and the device libraries it includes.
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { emitNetlist } from '../../netlist/emit.ts';
import { loadDescription } from '../../spec/resolve.ts';
import { writeFileAtomic } from '../../io/atomic.ts';
import { InputError } from '../../errors.ts';

export function registerNetlist(program: Command): void {
  program
    .command('netlist')
    .description('emit an ngspice deck (and the .lib files it includes) from a JSON description')
    .argument('<description>', 'description JSON file')
    .requiredOption('--out <deck>', 'deck file to write (libraries go beside it)')
    .option('--analysis <index>', 'which analysis of the description to emit', '0')
    .action((file: string, opts: { out: string; analysis: string }) => {
      const index = Number(opts.analysis);
      const description = loadDescription(file);
      if (!Number.isInteger(index) || index < 0 || index >= description.analyses.length) {
        throw new InputError(`must be an integer in [0, ${description.analyses.length - 1}], got ${opts.analysis}`, '--analysis');
      }
      const { deck, libraries, hash } = emitNetlist(description, index);
      const out = resolve(opts.out);
      try {
        for (const [name, text] of Object.entries(libraries)) writeFileAtomic(join(dirname(out), name), text);
        writeFileAtomic(out, deck);
      } catch (e) {
        throw new InputError(`cannot write the deck: ${(e as Error).message}`, '--out');
      }
      process.stdout.write(`wrote ${opts.out} (${Object.keys(libraries).length} libraries, description ${hash.slice(0, 19)})\n`);
    });
}
