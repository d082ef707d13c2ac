// Shared option parsing for CLI commands: integers, engines, output folders (one-line errors naming the flag).
import { existsSync, mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import type { EngineName } from '../sim/simulate.ts';

/** An integer option >= min. */
export function integer(v: string | undefined, field: string, min: number): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isInteger(n) || n < min) throw new InputError(`must be an integer >= ${min}, got ${JSON.stringify(v)}`, field);
  return n;
}

/** A number option in [min, max]. */
export function bounded(v: string | undefined, field: string, min: number, max: number): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !(n >= min && n <= max)) throw new InputError(`must be a number in [${min}, ${max}], got ${JSON.stringify(v)}`, field);
  return n;
}

/** --engine wasm|native. */
export function engineOption(v: string | undefined): EngineName {
  if (v !== 'wasm' && v !== 'native') throw new InputError(`must be wasm or native, got ${JSON.stringify(v)}`, '--engine');
  return v;
}

/** An output folder that exists and is writable (created if missing), else InputError naming `field`. */
export function outputDir(dir: string | undefined, field = '--out'): string {
  if (!dir) throw new InputError('is required', field);
  try {
    ensureWritableDir(dir);
  } catch (e) {
    throw new InputError(`cannot write to ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, field);
  }
  return dir;
}

/**
 * Creates `dir` one level at a time (Node 20's recursive mkdir never returns under /proc) and proves it writable with
 * a real write: permission bits say nothing for root or for pseudo file systems.
 */
function ensureWritableDir(dir: string): void {
  const missing: string[] = [];
  let p = resolve(dir);
  while (!existsSync(p)) {
    missing.unshift(p);
    p = dirname(p);
  }
  if (!statSync(p).isDirectory()) throw Object.assign(new Error(`${p} is not a directory`), { code: 'ENOTDIR' });
  for (const m of missing) mkdirSync(m);
  const probe = join(dir, `.write-test-${process.pid}`);
  writeFileSync(probe, '');
  unlinkSync(probe);
}
