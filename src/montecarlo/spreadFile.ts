// A study file of spreads ({ "spreads": { "F0": "3 MHz", "kappa": "5%" } }) as name=value overrides, with errors naming the file and field.
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.ts';
import type { Spread } from '../devices/device.ts';
import { overrideKnobSpreads, type KnobSource } from './mismatch.ts';

/** The spreads of a study file as "name=value" strings, in file order (applied before any --spread on the command line). */
export function readSpreadFile(file: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`cannot read a JSON study file: ${(e as Error).message}`, 'spreads', file);
  }
  const spreads = (doc as { spreads?: unknown } | null)?.spreads;
  if (typeof spreads !== 'object' || spreads === null || Array.isArray(spreads)) {
    throw new InputError('must be an object of knob spreads, e.g. { "F0": "3 MHz", "kappa": "5%" }', 'spreads', file);
  }
  return Object.entries(spreads).map(([name, value]) => {
    if (typeof value !== 'string' && typeof value !== 'number') throw new InputError(`must be a number or a quantity string, got ${JSON.stringify(value)}`, `spreads.${name}`, file);
    return `${name}=${value}`;
  });
}

/** Table spreads, then the study file's (when given), then the command line's --spread overrides. */
export function studySpreads<K extends string>(
  knobs: Readonly<Record<K, KnobSource>>,
  table: Record<K, Pick<Spread, 'kind' | 'sigma'>>,
  o: { readonly spreadFile?: string; readonly spread: readonly string[] },
): Record<K, Pick<Spread, 'kind' | 'sigma'>> {
  const fromFile = o.spreadFile === undefined ? table : overrideKnobSpreads(knobs, table, readSpreadFile(o.spreadFile), 'spreads', o.spreadFile);
  return overrideKnobSpreads(knobs, fromFile, o.spread);
}
