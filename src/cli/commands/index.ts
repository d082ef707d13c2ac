// Registry of CLI commands: one line per command module.
import type { Command } from 'commander';
import { registerDemo } from './demo.ts';
import { registerNetlist } from './netlist.ts';
import { registerSim } from './sim.ts';
import { registerTrain } from './train.ts';
import { registerValidate } from './validate.ts';

export function registerCommands(program: Command, run: (argv: string[]) => Promise<number>): void {
  registerDemo(program, run);
  registerNetlist(program);
  registerSim(program);
  registerTrain(program);
  registerValidate(program);
}
