// `spinspice sim deck.cir --out result.json`: run any ngspice deck on the WASM or native engine and write its vectors.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.ts';
import { writeFileAtomic } from '../../io/atomic.ts';
import { resultToJson } from '../../sim/result.ts';
import { closeEngines, simulate } from '../../sim/simulate.ts';
import { parseQuantity } from '../../units/quantity.ts';

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('run an ngspice deck and write { engine, variables } as JSON')
    .argument('<deck>', 'ngspice deck (.cir); .include paths resolve beside it')
    .option('--engine <engine>', 'wasm (embedded) or native (ngspice on PATH)', 'wasm')
    .option('--timeout <time>', 'time limit of the run', '60 s')
    .requiredOption('--out <file>', 'result JSON to write')
    .action(async (deckFile: string, opts: { engine: string; timeout: string; out: string }) => {
      if (opts.engine !== 'wasm' && opts.engine !== 'native') throw new InputError(`must be wasm or native, got ${JSON.stringify(opts.engine)}`, '--engine');
      const seconds = parseQuantity(opts.timeout, 's', '--timeout');
      if (!(seconds > 0 && seconds <= 86400)) throw new InputError(`must lie in (0, 86400] s, got ${opts.timeout}`, '--timeout');
      if (!existsSync(deckFile)) throw new InputError('file not found', undefined, deckFile);
      try {
        const result = await simulate(readFileSync(deckFile, 'utf8'), { engine: opts.engine, timeoutMs: seconds * 1000, baseDir: dirname(resolve(deckFile)) });
        writeFileAtomic(opts.out, JSON.stringify(resultToJson(result)));
        process.stdout.write(`wrote ${opts.out}: ${Object.keys(result.variables).length} vectors, ${Object.values(result.variables)[0]?.length ?? 0} points (${result.engine})\n`);
      } finally {
        await closeEngines();
      }
    });
}
