// Registry of CLI commands: one line per command module.
import type { Command } from 'commander';

export function registerCommands(_program: Command): void {
}
