// The runner: rejected decks name their line, a failed run never returns earlier data, timeouts replace the engine.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '../../src/sim/simulate.ts';
import { nativeAvailable } from '../../src/sim/nativeEngine.ts';
import { SimulationError, SimulationTimeoutError } from '../../src/errors.ts';
import { classifyMessages } from '../../src/sim/messages.ts';

const good = (v: number) => `divider\nV1 a 0 DC ${v}\nR1 a b 1e3\nR2 b 0 1e3\n.op\n.end\n`;
const bad = 'broken\nV1 a 0 DC 1\nR1 a b 1e3\nX7 a b no_such_subckt\n.op\n.end\n';

for (const engine of ['wasm', 'native'] as const) {
  test(`${engine}: a rejected deck throws with the offending line, and the next run works`, async () => {
    if (engine === 'native' && !nativeAvailable()) return;
    const first = await simulate(good(2), { engine });
    assert.is(first.variables['v(b)'][0], 1);
    try {
      await simulate(bad, { engine });
      assert.unreachable('a broken deck must throw');
    } catch (e) {
      assert.instance(e, SimulationError);
      assert.equal((e as SimulationError).netlistLine, { number: 4, text: 'X7 a b no_such_subckt' });
      assert.match((e as Error).message, /unknown subckt/);
    }
    const after = await simulate(good(6), { engine });
    assert.is(after.variables['v(b)'][0], 3);
  });
}

test('wasm: a deck without analysis fails instead of returning the previous run', async () => {
  await simulate(good(4));
  try {
    await simulate('no analysis\nV1 a 0 DC 1\nR1 a 0 1\n.end\n');
    assert.unreachable();
  } catch (e) {
    assert.instance(e, SimulationError);
  }
});

test('wasm: a run that hangs the engine times out, and a fresh engine takes over', async () => {
  // an unknown B-source function is fatal in this engine build: its promise never settles
  try {
    await simulate('hang\nV1 a 0 DC 1\nB1 b 0 V=atan2(v(a), 1)\nR1 b 0 1\n.op\n.end\n', { timeoutMs: 4000 });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, SimulationTimeoutError);
  }
  const r = await simulate(good(8));
  assert.is(r.variables['v(b)'][0], 4);
});

test('message classification', () => {
  const c = classifyMessages(['Warning: vsrc has no value', 'Error: unknown subckt: x1', '    in line no. 3', 'Note: No compatibility mode selected!']);
  assert.equal(c.errors, ['Error: unknown subckt: x1']);
  assert.equal(c.warnings, ['Warning: vsrc has no value']);
  assert.is(c.notes.length, 2);
});

test.run();
