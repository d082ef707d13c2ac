// Human quantities through mathjs units: engineering prefixes in, SI numbers out, clear errors for wrong input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseQuantity } from '../../src/units/quantity.ts';
import { InputError } from '../../src/errors.ts';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);

test('engineering quantities become SI numbers', () => {
  assert.ok(close(parseQuantity('600 MHz', 'Hz', 'f'), 6e8));
  assert.ok(close(parseQuantity('10 ps', 's', 'dt'), 1e-11));
  assert.ok(close(parseQuantity('2 mA', 'A', 'i'), 2e-3));
  assert.ok(close(parseQuantity('1 uV/uW', 'V/W', 'A'), 1));
  assert.ok(close(parseQuantity('40 MHz/mA', 'Hz/A', 'kappa'), 4e10));
  assert.ok(close(parseQuantity('70.82 MHz', '1/s', 'gamma'), 7.082e7));
  assert.ok(close(parseQuantity('10 kohm', 'ohm', 'R'), 1e4));
  assert.is(parseQuantity(3.5, 'V', 'v'), 3.5);
  assert.is(parseQuantity('0.01', '', 'alpha'), 0.01);
});

test('wrong dimension and unparsable text name the field', () => {
  for (const [value, unit, pattern] of [
    ['600 MHz', 's', /wrong dimension/],
    ['fast', 'Hz', /cannot parse "fast"/],
    ['2 mA', '', /dimensionless/],
  ] as const) {
    try {
      parseQuantity(value, unit, 'instances[0].params.x', 'c.json');
      assert.unreachable();
    } catch (e) {
      assert.instance(e, InputError);
      assert.match((e as Error).message, /^c\.json: instances\[0\]\.params\.x: /);
      assert.match((e as Error).message, pattern);
    }
  }
});

test.run();
