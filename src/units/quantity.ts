// Human quantities ("600 MHz", "10 ps", "1 uV/uW") parsed with mathjs units into plain SI numbers.
import { create, all, type Unit } from 'mathjs';
import { InputError } from '../errors.ts';

const math = create(all);

/** SI unit a parameter is expressed in; '' is dimensionless. */
export type SiUnit = string;

/**
 * Parse a number or a quantity string into SI `unit`. Numbers are taken as already SI.
 * Throws InputError naming `field` on an unparsable value or a wrong dimension.
 */
export function parseQuantity(value: unknown, unit: SiUnit, field: string, file?: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(`must be a finite number, got ${value}`, field, file);
    return value;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`expected a number or a quantity string${unit ? ` in ${unit}` : ''}, got ${JSON.stringify(value)}`, field, file);
  }
  const text = value.trim();
  const bare = Number(text);
  if (Number.isFinite(bare)) return bare;
  let parsed: unknown;
  try {
    parsed = math.evaluate(text.replace(/\bmeg\b/gi, 'M'));
  } catch (e) {
    throw new InputError(`cannot parse ${JSON.stringify(text)} as a quantity${unit ? ` in ${unit}` : ''} (${(e as Error).message})`, field, file);
  }
  if (typeof parsed === 'number') return parsed;
  if (!math.isUnit(parsed)) throw new InputError(`cannot parse ${JSON.stringify(text)} as a quantity`, field, file);
  const u = parsed as Unit;
  if (unit === '') {
    if (u.dimensions.some((d) => d !== 0)) throw new InputError(`must be dimensionless, got ${JSON.stringify(text)}`, field, file);
    return u.toNumber('');
  }
  const target = math.evaluate(`1 * (${unit})`) as Unit;
  if (!u.equalBase(target)) {
    throw new InputError(`wrong dimension: ${JSON.stringify(text)} is not convertible to ${unit}`, field, file);
  }
  // mathjs keeps unit values in SI base units, so the ratio is the value in `unit` (no offset units here).
  return (u.value as number) / (target.value as number);
}
