// Registry of CLI commands: one line per command module.
import type { Command } from 'commander';
import { registerDecks } from './decks.ts';
import { registerDemo } from './demo.ts';
import { registerMc } from './mc.ts';
import { registerNetlist } from './netlist.ts';
import { registerNoise } from './noise.ts';
import { registerReport } from './report.ts';
import { registerSim } from './sim.ts';
import { registerTrain } from './train.ts';
import { registerValidate } from './validate.ts';

export function registerCommands(program: Command, run: (argv: string[]) => Promise<number>): void {
  registerDecks(program);
  registerDemo(program, run);
  registerMc(program);
  registerNetlist(program);
  registerNoise(program);
  registerReport(program);
  registerSim(program);
  registerTrain(program);
  registerValidate(program);
}
