// Kuramoto kernels held to physics and maths: Adler locking, locked-state Jacobian, shift invariance, gradients vs
// central finite differences, adjoint vs forward sensitivities (eq. 7), the tfjs op and the worker pool.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs';
import { kuramotoForward, kuramotoJacobianRows, kuramotoSensitivity, kuramotoVjp, type FrequencyBatch } from '../../src/surrogate/kuramoto/kernel.ts';
import { KuramotoOperator } from '../../src/surrogate/kuramoto/op.ts';
import { resolveSettings } from '../../src/surrogate/kuramoto/params.ts';
import { KuramotoPool } from '../../src/surrogate/kuramoto/pool.ts';
import { createRng, seedFor } from '../../src/random/rng.ts';

const MHz = 1e6;
const k = 10 * MHz;

function batchOf(rows: number[][], seed = 7): FrequencyBatch {
  const n = rows[0].length;
  return { F: Float64Array.from(rows.flat()), batch: rows.length, n, seeds: rows.map((_, b) => seedFor(seed, b)) };
}

function randomRows(batch: number, n: number, lo: number, hi: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: batch }, () => Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform()));
}

test('Adler: two oscillators beat at sqrt(dF^2 - (2k)^2) when unlocked and lock to the mean when |dF| <= 2k', () => {
  // long window so the non-uniform phase slip averages out: error <= 1/(2 tau) = 26 kHz
  const settings = resolveSettings({ duration: 20e-6, window: 19e-6 });
  for (const dF of [25 * MHz, 40 * MHz, 80 * MHz]) {
    const fbar = kuramotoForward(batchOf([[600 * MHz, 600 * MHz + dF]]), settings);
    const beat = fbar[1] - fbar[0];
    const adler = Math.sqrt(dF * dF - 4 * k * k);
    assert.ok(Math.abs(beat - adler) < 0.05 * MHz, `dF=${dF}: beat ${beat} vs Adler ${adler}`);
  }
  for (const dF of [5 * MHz, 15 * MHz, 19 * MHz]) {
    const fbar = kuramotoForward(batchOf([[600 * MHz, 600 * MHz + dF]]), resolveSettings());
    assert.ok(Math.abs(fbar[0] - (600 * MHz + dF / 2)) < 1, `locked dF=${dF}: ${fbar[0]}`);
    assert.ok(Math.abs(fbar[1] - fbar[0]) < 1, `locked dF=${dF}: beat ${fbar[1] - fbar[0]}`);
  }
});

test('per-oscillator coupling (mismatch of k): a pair with k1 + k2 locks iff |dF| <= k1 + k2, beat sqrt(dF^2 - (k1 + k2)^2)', () => {
  const settings = resolveSettings({ duration: 20e-6, window: 19e-6 });
  const scale = [0.5, 1.0]; // k1 + k2 = 15 MHz
  for (const dF of [20 * MHz, 40 * MHz]) {
    const fbar = kuramotoForward(batchOf([[600 * MHz, 600 * MHz + dF]]), settings, scale);
    const adler = Math.sqrt(dF * dF - (15 * MHz) ** 2);
    assert.ok(Math.abs(fbar[1] - fbar[0] - adler) < 0.05 * MHz, `dF=${dF}: beat ${fbar[1] - fbar[0]} vs ${adler}`);
  }
  const locked = kuramotoForward(batchOf([[600 * MHz, 612 * MHz]]), resolveSettings(), scale);
  assert.ok(Math.abs(locked[1] - locked[0]) < 1, `locked at dF = 12 MHz < 15 MHz: beat ${locked[1] - locked[0]}`);
  const uniform = kuramotoForward(batchOf([[600 * MHz, 630 * MHz]]), settings, [1, 1]);
  assert.equal(Array.from(uniform), Array.from(kuramotoForward(batchOf([[600 * MHz, 630 * MHz]]), settings)));
});

test('locked network: every f_bar is mean(F) and every Jacobian entry is 1/N', () => {
  const n = 4;
  const rows = randomRows(3, n, 595 * MHz, 605 * MHz, 1);
  const { fbar, jacobian } = kuramotoSensitivity(batchOf(rows), resolveSettings());
  rows.forEach((F, b) => {
    const mean = F.reduce((a, v) => a + v, 0) / n;
    for (let i = 0; i < n; i++) assert.ok(Math.abs(fbar[b * n + i] - mean) < 1, `f_bar ${fbar[b * n + i]} vs ${mean}`);
    for (let q = 0; q < n * n; q++) assert.ok(Math.abs(jacobian[b * n * n + q] - 1 / n) < 1e-6, `J ${jacobian[b * n * n + q]}`);
  });
});

test('shift invariance: each Jacobian row sums to 1 (adding c to every F adds c to every f_bar), even in the chaotic regime', () => {
  const n = 6;
  const { jacobian } = kuramotoSensitivity(batchOf(randomRows(2, n, 500 * MHz, 680 * MHz, 2)), resolveSettings());
  for (let r = 0; r < 2 * n; r++) {
    let s = 0;
    let scale = 1;
    for (let a = 0; a < n; a++) {
      s += jacobian[r * n + a];
      scale = Math.max(scale, Math.abs(jacobian[r * n + a]));
    }
    assert.ok(Math.abs(s - 1) < 1e-9 * scale, `row ${r} sums to ${s}`);
  }
});

/** Central finite differences of f_bar with respect to F_a (same seeds, so the same initial phases). */
function finiteDifferenceJacobian(input: FrequencyBatch, settings: ReturnType<typeof resolveSettings>, step: number): Float64Array {
  const { n } = input;
  const J = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    const up = Float64Array.from(input.F);
    const down = Float64Array.from(input.F);
    up[a] += step;
    down[a] -= step;
    const fu = kuramotoForward({ ...input, F: up }, settings);
    const fd = kuramotoForward({ ...input, F: down }, settings);
    for (let i = 0; i < n; i++) J[i * n + a] = (fu[i] - fd[i]) / (2 * step);
  }
  return J;
}

function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, rel: number, what: string): void {
  let scale = 0;
  for (let q = 0; q < a.length; q++) scale = Math.max(scale, Math.abs(b[q]));
  for (let q = 0; q < a.length; q++) {
    assert.ok(Math.abs(a[q] - b[q]) <= rel * scale, `${what}[${q}]: ${a[q]} vs ${b[q]} (scale ${scale})`);
  }
}

test('gradient matches central finite differences (rel <= 1e-4) on a short window and on a locked state', () => {
  const cases = [
    { name: 'N=6 short window', rows: randomRows(1, 6, 560 * MHz, 640 * MHz, 3), settings: resolveSettings({ duration: 60e-9, window: 30e-9 }) },
    { name: 'N=3 partly locked, 1 us', rows: [[600 * MHz, 612 * MHz, 660 * MHz]], settings: resolveSettings() },
    { name: 'N=4 locked, 1 us', rows: randomRows(1, 4, 596 * MHz, 612 * MHz, 4), settings: resolveSettings() },
  ];
  for (const c of cases) {
    const input = batchOf(c.rows);
    const fd = finiteDifferenceJacobian(input, c.settings, 100); // truncation ~ step^2: 100 Hz keeps it below 1e-7
    const { jacobian } = kuramotoSensitivity(input, c.settings);
    assertClose(jacobian, fd, 1e-4, `${c.name} eq.7 vs FD`);
    const n = input.n;
    const gbar = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -0.5) * (i + 1));
    const { grad } = kuramotoVjp(input, c.settings, gbar);
    const fdGrad = Array.from({ length: n }, (_, a) => gbar.reduce((s, g, i) => s + g * fd[i * n + a], 0));
    assertClose(grad, fdGrad, 1e-4, `${c.name} adjoint vs FD`);
  }
});

test('adjoint Jacobian rows equal the forward-sensitivity Jacobian (eq. 7) everywhere, chaotic paper network included', () => {
  const n = 6;
  const input = batchOf(randomRows(3, n, 500 * MHz, 680 * MHz, 5));
  const settings = resolveSettings();
  const sens = kuramotoSensitivity(input, settings);
  const rows = [3, 4];
  const adj = kuramotoJacobianRows(input, settings, rows);
  assert.equal(Array.from(adj.fbar), Array.from(sens.fbar));
  for (let b = 0; b < input.batch; b++) {
    rows.forEach((row, r) => {
      const a = adj.jacobian.subarray((b * 2 + r) * n, (b * 2 + r + 1) * n);
      const s = sens.jacobian.subarray((b * n + row) * n, (b * n + row + 1) * n);
      assertClose(a, s, 1e-7, `example ${b} row ${row}`);
    });
  }
});

test('tfjs op: gradient is tanh(J)^T dy by default and J^T dy without squashing', () => {
  const n = 3;
  const Fmhz = [[600, 615, 640], [590, 600, 650]];
  const dy = tf.tensor2d([[1, -2, 0.5], [0.3, 0, -1]]);
  for (const squash of [true, false]) {
    const op = new KuramotoOperator(n, { squash, settings: { duration: 200e-9, window: 100e-9 } });
    const F = tf.tensor2d(Fmhz);
    const ev = op.evaluateSync(F.dataSync(), 11, true);
    const g = tf.grad((x: tf.Tensor) => op.apply(x as tf.Tensor2D, ev).mul(dy).sum())(F).arraySync() as number[][];
    const J = kuramotoSensitivity({ F: Float64Array.from(Fmhz.flat(), (v) => v * MHz), batch: 2, n, seeds: [seedFor(11, 0), seedFor(11, 1)] }, op.settings).jacobian;
    const dyv = dy.arraySync();
    for (let b = 0; b < 2; b++) {
      for (let a = 0; a < n; a++) {
        let expected = 0;
        for (let i = 0; i < n; i++) expected += dyv[b][i] * (squash ? Math.tanh(J[(b * n + i) * n + a]) : J[(b * n + i) * n + a]);
        assert.ok(Math.abs(g[b][a] - expected) < 1e-5 * (1 + Math.abs(expected)), `squash=${squash} [${b}][${a}]: ${g[b][a]} vs ${expected}`);
      }
    }
    const fbar = op.apply(F, ev).arraySync() as number[][];
    assert.ok(Math.abs(fbar[0][0] - ev.fbar[0] / MHz) < 1e-3);
  }
});

test('tfjs op with Jacobian rows refuses gradients on other oscillators', () => {
  const op = new KuramotoOperator(3, { rows: [1, 2], settings: { duration: 100e-9, window: 50e-9 } });
  const F = tf.tensor2d([[600, 610, 620]]);
  const ev = op.evaluateSync(F.dataSync(), 1, true);
  const ok = tf.grad((x: tf.Tensor) => op.apply(x as tf.Tensor2D, ev).slice([0, 1], [1, 2]).sum())(F);
  assert.is(ok.shape[1], 3);
  assert.throws(() => tf.grad((x: tf.Tensor) => op.apply(x as tf.Tensor2D, ev).sum())(F));
});

test('worker pool gives the same numbers as the calling thread', async () => {
  const pool = new KuramotoPool(2);
  try {
    const input = batchOf(randomRows(5, 6, 500 * MHz, 680 * MHz, 6));
    const settings = resolveSettings({ duration: 200e-9, window: 100e-9 });
    const r = await pool.run(input, settings, { kind: 'rows', rows: [3, 4] });
    const local = kuramotoJacobianRows(input, settings, [3, 4]);
    assert.equal(Array.from(r.fbar), Array.from(local.fbar));
    assert.equal(Array.from(r.jacobian!), Array.from(local.jacobian));
  } finally {
    await pool.close();
  }
});

test('phase noise: isolated oscillators keep f_bar = F and coupled ones decorrelate; same seed, same numbers', () => {
  const noisy = resolveSettings({ linewidth: 1 * MHz });
  const input = batchOf([[600 * MHz, 600 * MHz + 19.5 * MHz]]);
  const a = kuramotoForward(input, noisy);
  const b = kuramotoForward(input, noisy);
  assert.equal(Array.from(a), Array.from(b));
  const quiet = kuramotoForward(input, resolveSettings());
  assert.ok(Math.abs(quiet[1] - quiet[0]) < 1, 'noiseless pair at 19.5 MHz detuning is locked');
  assert.ok(Math.abs(a[1] - a[0]) > 0.1 * MHz, `1 MHz linewidth unlocks the marginal pair: ${a[1] - a[0]}`);
});

test.run();
