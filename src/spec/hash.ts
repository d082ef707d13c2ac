// Stable hash of a resolved description (canonical JSON, sorted keys), recorded in netlists, checkpoints and results.
import { createHash } from 'node:crypto';

/** Array-index keys (which JS objects list first, ascending) before the other keys in sorted order: the key order of the canonical JSON. */
function canonicalKeyOrder(keys: string[]): string[] {
  const sorted = keys.sort();
  const isIndex = (k: string) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1;
  const indices = sorted.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return indices.length ? [...indices, ...sorted.filter((k) => !isIndex(k))] : sorted;
}

const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Appends the canonical JSON of `value` to `out` (any non-array object, typed arrays included, is written as its own enumerable keys). */
function writeCanonical(value: unknown, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((v, i) => {
      if (i) out.push(',');
      if (omitted(v)) out.push('null');
      else writeCanonical(v, out);
    });
    out.push(']');
    return;
  }
  const record = value as Record<string, unknown>;
  out.push('{');
  let first = true;
  for (const k of canonicalKeyOrder(Object.keys(record))) {
    if (omitted(record[k])) continue;
    out.push(first ? '' : ',', JSON.stringify(k), ':');
    first = false;
    writeCanonical(record[k], out);
  }
  out.push('}');
}

/** The canonical JSON text of `value`: JSON with sorted object keys (array-index keys first, ascending, as JS orders them). */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  writeCanonical(value, out);
  return out.join('');
}

/** sha256 of the canonical JSON of `value`, as "sha256:<hex>". */
export function stableHash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}
