// The spinspice command line: parses arguments and dispatches to one module per command (src/cli/commands/).
import { Command, CommanderError } from 'commander';
import { InputError, SimulationError } from '../errors.ts';
import { registerCommands } from './commands/index.ts';
import { loadAccelerator } from '../surrogate/accelerator.ts';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('spinspice')
    .description('Circuit-level SPICE co-simulation of spintronic neuromorphic hardware')
    .exitOverride()
    .showHelpAfterError(false);
  registerCommands(program, main);
  await loadAccelerator();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`spinspice: ${e.message}\n`);
      return 2;
    }
    if (e instanceof SimulationError) {
      process.stderr.write(`spinspice: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('src/cli/main.ts')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`spinspice: internal error: ${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
