// Checks shared by the figure builders: equal lengths, unique names, finite and log-safe numbers.
import { InputError } from '../errors.ts';

/** Throw unless every array in `arrays` has the length of the first; `fields` names them for the message. */
export function requireSameLength(fields: string[], arrays: readonly (readonly unknown[])[]): void {
  const n = arrays[0].length;
  arrays.forEach((a, k) => {
    if (a.length !== n) throw new InputError(`has ${a.length} entries, ${fields[0]} has ${n}`, fields[k]);
  });
}

/** Throw if `names` is empty or holds a name twice (figures tell series apart by name). */
export function requireUniqueNames(names: readonly string[], field: string): void {
  if (names.length === 0) throw new InputError('needs at least one entry', field);
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name)) throw new InputError(`duplicate name "${name}"`, `${field}[${i}]`);
    seen.add(name);
  });
}

/** Throw unless every value is finite. */
export function requireFinite(values: readonly number[], field: string): void {
  const i = values.findIndex((v) => !Number.isFinite(v));
  if (i >= 0) throw new InputError(`must be finite, got ${values[i]}`, `${field}[${i}]`);
}

/** Throw if a log axis would receive a finite value <= 0 (non-finite values are skipped by the figures anyway). */
export function requirePositiveForLog(values: readonly number[], field: string): void {
  const i = values.findIndex((v) => Number.isFinite(v) && v <= 0);
  if (i >= 0) throw new InputError(`must be > 0 on a log axis, got ${values[i]}`, `${field}[${i}]`);
}

/** Throw unless `values` is strictly increasing and finite (grid coordinates). */
export function requireIncreasing(values: readonly number[], field: string): void {
  requireFinite(values, field);
  if (values.length === 0) throw new InputError('needs at least one entry', field);
  for (let i = 1; i < values.length; i++) {
    if (!(values[i] > values[i - 1])) throw new InputError(`must increase strictly (index ${i})`, field);
  }
}

/** Quantitative scale for an axis: log if asked, else linear and not forced to include zero. */
export function continuousScale(log: boolean | undefined): { type: 'log' } | { type: 'linear'; zero: false } {
  return log ? { type: 'log' } : { type: 'linear', zero: false };
}

/** [min, max] of a non-empty array, by a loop (spreading a long array into Math.min overflows the stack). */
export function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
