// Example decks: netlists/ and models/ are what the emitter writes today (snapshot), and every deck gives the same vectors in both engines.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, generatedFiles } from '../../src/netlist/examples.ts';
import { simulate } from '../../src/sim/simulate.ts';
import { nativeAvailable } from '../../src/sim/nativeEngine.ts';

const files = generatedFiles();

test('netlists/ and models/ match the emitter (run npm run netlists after changing a device or example)', () => {
  for (const [path, text] of Object.entries(files)) {
    const file = join(ROOT, path);
    assert.ok(existsSync(file), `${path} is missing`);
    assert.fixture(readFileSync(file, 'utf8'), text, path);
  }
});

test('emission is deterministic: the same descriptions give byte-identical files', () => {
  assert.equal(generatedFiles(), files);
});

const decks = Object.keys(files).filter((p) => p.startsWith('netlists') && p.endsWith('.cir'));

for (const deckPath of decks) {
  test(`${deckPath} runs in the WASM engine${nativeAvailable() ? ' and gives the same vectors natively' : ''}`, async () => {
    const deck = files[deckPath];
    const baseDir = join(ROOT, 'netlists');
    const wasm = await simulate(deck, { engine: 'wasm', baseDir });
    assert.ok(Object.keys(wasm.variables).length > 1, 'vectors returned');
    if (!nativeAvailable()) return;
    const native = await simulate(deck, { engine: 'native', baseDir });
    for (const [name, values] of Object.entries(wasm.variables)) {
      if (name.startsWith('i(') || name.includes('#branch')) continue;
      const other = native.variables[name];
      assert.ok(other, `native run lacks ${name}`);
      // Same deck, same algorithm: ngspice 45 (WASM) and 39 (native) agree to solver tolerance at the final point.
      const a = values[values.length - 1];
      const b = other[other.length - 1];
      const scale = Math.max(...Array.from(values, Math.abs), 1e-12);
      assert.ok(Math.abs(a - b) <= 1e-6 * scale + 1e-9, `${name}: wasm ${a} vs native ${b}`);
    }
  });
}

test.run();
