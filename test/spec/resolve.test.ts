// Description validation: each rule gives an error that names the field and what is allowed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { InputError } from '../../src/errors.ts';

const base = () => ({
  name: 'amplifier',
  instances: [
    { name: 'amp', kind: 'cmosAmp', nets: { inp: 'in', inn: '0', out: 'out' }, params: { gain: 2 } as Record<string, unknown> },
    { name: 'load', kind: 'resistor', nets: { p: 'out', n: '0' } },
  ] as Record<string, unknown>[],
  sources: [{ name: 'src', type: 'V', nets: { p: 'in', n: '0' }, dc: '0.1 V' }] as Record<string, unknown>[],
  analyses: [{ type: 'op' }],
});

function rejects(mutate: (d: ReturnType<typeof base>) => void, field: string, message: RegExp) {
  const d = base();
  mutate(d);
  try {
    resolveDescription(d, 'circuit.json');
  } catch (e) {
    assert.instance(e, InputError);
    assert.is((e as InputError).field, field, (e as Error).message);
    assert.is((e as InputError).file, 'circuit.json');
    assert.match((e as Error).message, message);
    assert.match((e as Error).message, /^circuit\.json: /);
    return;
  }
  assert.unreachable(`expected an error at ${field}`);
}

test('a valid description resolves to SI numbers with defaults filled in', () => {
  const d = resolveDescription(base());
  assert.is(d.sources[0].dc, 0.1);
  assert.is(d.instances[0].params.gain, 2);
  assert.is(d.instances[0].params.fbw, 1e9);
  assert.is(d.seed, 1);
});

test('unknown device kind', () => rejects((d) => (d.instances[0].kind = 'flux'), 'instances[0].kind', /unknown device kind "flux" \(known: .*stnoPhase/));
test('duplicate name (case-insensitive, as SPICE)', () => rejects((d) => (d.instances[1].name = 'AMP'), 'instances[1].name', /duplicate name "AMP"/));
test('parameter out of bounds names the allowed range', () => rejects((d) => ((d.instances[0].params as Record<string, unknown>).fbw = '0 Hz'), 'instances[0].params.fbw', /out of bounds: allowed \[1, 1e\+13\] Hz/));
test('wrong dimension', () => rejects((d) => ((d.instances[0].params as Record<string, unknown>).fbw = '3 V'), 'instances[0].params.fbw', /wrong dimension/));
test('unknown parameter', () => rejects((d) => ((d.instances[0].params as Record<string, unknown>).gian = 2), 'instances[0].params.gian', /no parameter "gian"/));
test('unconnected port', () => rejects((d) => (d.instances[0].nets = { inp: 'in', inn: '0' }), 'instances[0].nets', /port "out" of cmosAmp is not connected/));
test('dangling net', () => rejects((d) => (d.instances[1].nets = { p: 'out', n: 'nowhere' }), 'instances[1].nets.n', /net "nowhere" is dangling/));
test('undriven input net', () => rejects((d) => ((d.instances[0].nets as Record<string, string>).inn = 'floating'), 'instances[0].nets.inn', /not driven/));
test('node without DC path to ground', () =>
  rejects(
    (d) => {
      d.instances.push({ name: 'gm', kind: 'cmosGm', nets: { inp: 'in', inn: '0', out: 'island' } });
      d.instances.push({ name: 'r2', kind: 'resistor', nets: { p: 'island', n: 'island2' } });
      d.instances.push({ name: 'r3', kind: 'resistor', nets: { p: 'island2', n: 'island' } });
    },
    'instances[2].nets.out',
    /"island" has no DC path to ground/,
  ));
test('names that could inject SPICE cards are rejected', () => rejects((d) => (d.instances[0].name = 'amp\n.control'), 'instances[0].name', /must start with a letter/));
test('schema errors name the field', () => rejects((d) => (d.analyses = [{ type: 'tran', step: '1 ns' } as never]), 'analyses[0].stop', /.+/));
test('sweep of a missing source', () => rejects((d) => (d.analyses = [{ type: 'dc', source: 'nope', start: 0, stop: 1, step: 0.1 } as never]), 'analyses[0].source', /no source named "nope"/));

test.run();
