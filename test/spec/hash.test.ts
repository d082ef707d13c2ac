// The stable hash: canonical JSON written directly equals JSON of the key-sorted copy (the definition the recorded hashes use).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng } from '../../src/random/rng.ts';
import { canonicalJson, stableHash } from '../../src/spec/hash.ts';

/** The definition: a copy with every object's keys sorted (undefined dropped), then JSON.stringify. */
function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, sortedCopy((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

test('canonical JSON equals JSON.stringify of the key-sorted copy on nested values with index-like keys, typed arrays, holes', () => {
  const fixed = {
    b: [1, undefined, 'x', { z: 1, a: [2, 3] }, null, () => 1],
    a: { '10': 1, '9': 2, '01': 3, x: undefined, y: () => 0, '-1': 4, k: -0 },
    t: new Float64Array([0.1, 2, 3e-300]),
    n: NaN,
    s: 'quote " and \\ and \n',
    nested: { deeper: { list: [[], {}, [{}]] } },
  };
  assert.is(canonicalJson(fixed), JSON.stringify(sortedCopy(fixed)));
  const rng = createRng(7);
  const keys = ['a', 'b', '0', '2', '10', 'Z', 'é', 'fres', 'f'];
  const random = (depth: number): unknown => {
    const r = rng.uniform();
    if (depth > 3 || r < 0.3) return r < 0.1 ? rng.uniform() * 1e9 : r < 0.2 ? `s${Math.floor(rng.uniform() * 100)}` : r < 0.25 ? null : undefined;
    if (r < 0.6) return Array.from({ length: Math.floor(rng.uniform() * 4) }, () => random(depth + 1));
    return Object.fromEntries(keys.filter(() => rng.uniform() < 0.5).map((k) => [k, random(depth + 1)]));
  };
  for (let i = 0; i < 200; i++) {
    const v = { root: random(0) };
    assert.is(canonicalJson(v), JSON.stringify(sortedCopy(v)));
  }
  assert.match(stableHash(fixed), /^sha256:[0-9a-f]{64}$/);
});

test.run();
