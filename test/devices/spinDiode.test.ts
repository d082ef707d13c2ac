// spinDiode through ngspice: anti-Lorentzian over a frequency sweep, zero at f_res, extremes at +-alpha*f_res, chain = sum.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveDescription } from '../../src/spec/resolve.ts';
import { emitNetlist } from '../../src/netlist/emit.ts';
import { runDescription } from '../../src/sim/runDescription.ts';

const alpha = 0.01;
const A = 1;
/** Paper 002 eq. 6, written independently: V = P f (f - fres) / (alpha^2 fres^2 + (f - fres)^2) A. */
const antiLorentzian = (P: number, f: number, fres: number) => (P * f * (f - fres)) / (alpha ** 2 * fres ** 2 + (f - fres) ** 2) * A;

/** One resonator per frequency, each in its own chain to ground, all fed 1 uW: one DC run gives the whole sweep. */
async function sweep(fres: number, freqs: number[]) {
  const d = resolveDescription({
    name: 'spin-diode frequency sweep',
    instances: freqs.map((f, i) => ({ name: `r${i}`, kind: 'spinDiode', nets: { rf: 'rf', p: `v${i}`, n: '0' }, params: { fres, f, alpha, A } })),
    sources: [{ name: 'power', type: 'V', nets: { p: 'rf', n: '0' }, dc: 1 }],
    analyses: [{ type: 'op' }],
  });
  const r = await runDescription(d);
  return freqs.map((_, i) => r.variables[`v(v${i})`][0]);
}

test('DC voltage matches the anti-Lorentzian within 1e-6 relative; zero at f_res', async () => {
  const fres = 1.5e9;
  const freqs = Array.from({ length: 81 }, (_, k) => fres * (1 + (k - 40) * 0.125 * alpha));
  const v = await sweep(fres, freqs);
  freqs.forEach((f, k) => {
    const expected = antiLorentzian(1e-6, f, fres);
    if (f === fres) assert.ok(Math.abs(v[k]) < 1e-18, `V(f_res) = ${v[k]}`);
    else assert.ok(Math.abs(v[k] / expected - 1) < 1e-6, `f = ${f}: ${v[k]} vs ${expected}`);
  });
});

test('extremes lie at f - f_res = +-alpha*f_res within 2 %', async () => {
  const fres = 1.2e9;
  const step = 0.002 * alpha * fres;
  const freqs = Array.from({ length: 1001 }, (_, k) => fres + (k - 500) * step * 2);
  const v = await sweep(fres, freqs);
  const iMax = v.indexOf(Math.max(...v));
  const iMin = v.indexOf(Math.min(...v));
  for (const [i, sign] of [[iMax, 1], [iMin, -1]] as const) {
    const offset = freqs[i] - fres;
    assert.ok(Math.abs(offset - sign * alpha * fres) < 0.02 * alpha * fres, `extreme at ${offset} Hz vs ${sign * alpha * fres}`);
  }
});

/** Five resonators in series from ground, each fed by its own RF power source. */
function fiveChain() {
  const fres = [1.1e9, 1.3e9, 1.5e9, 1.7e9, 1.9e9];
  const f = [1.105e9, 1.29e9, 1.52e9, 1.7e9, 1.88e9];
  const P = [0.3, 1, 0.7, 0.2, 0.9];
  const nodes = ['0', 'c1', 'c2', 'c3', 'c4', 'top'];
  const d = resolveDescription({
    name: 'five-resonator chain',
    instances: fres.map((fr, i) => ({ name: `r${i}`, kind: 'spinDiode', nets: { rf: `in${i}`, p: nodes[i + 1], n: nodes[i] }, params: { fres: fr, f: f[i] } })),
    sources: P.map((p, i) => ({ name: `pw${i}`, type: 'V' as const, nets: { p: `in${i}`, n: '0' }, dc: p })),
    analyses: [{ type: 'op' }],
  });
  return { d, expected: fres.reduce((s, fr, i) => s + antiLorentzian(P[i] * 1e-6, f[i], fr), 0) };
}

test('a 5-resonator chain in series equals the sum of its resonators', async () => {
  const { d, expected } = fiveChain();
  const chain = (await runDescription(d)).variables['v(top)'][0];
  assert.ok(Math.abs(chain / expected - 1) < 1e-9, `chain ${chain} vs sum ${expected}`);
});

test('flat rendering (one linear VCVS per resonator, literal gain from the weight equation) gives the subcircuit chain', async () => {
  const { d, expected } = fiveChain();
  const { deck, libraries } = emitNetlist(d, 0, { flatten: true });
  assert.equal(Object.keys(libraries), [], 'no subcircuit library');
  assert.is(deck.split('\n').filter((l) => /^Er\d /.test(l)).length, 5);
  assert.not.match(deck, /^X/m);
  const flat = (await runDescription(d, { flatten: true })).variables['v(top)'][0];
  const subckt = (await runDescription(d)).variables['v(top)'][0];
  assert.ok(Math.abs(flat / subckt - 1) < 1e-12, `flat ${flat} vs subcircuit ${subckt}`);
  assert.ok(Math.abs(flat / expected - 1) < 1e-9, `flat ${flat} vs sum ${expected}`);
});

test.run();
