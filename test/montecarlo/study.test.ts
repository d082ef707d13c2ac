// Resumable studies: torn JSONL lines, SIGKILL mid-study then resume (no trial lost or repeated, same numbers),
// replay of one trial alone equal to the pooled study's record, a rerun with other arguments refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonl } from '../../src/io/jsonl.ts';
import { runStudy } from '../../src/montecarlo/study.ts';
import { ROOT } from '../../src/netlist/examples.ts';
import { fixtureModel } from '../annotate/fixtureModel.ts';
import { runCli } from '../cli/runCli.ts';

const { file: model } = fixtureModel();
const tmp = () => mkdtempSync(join(tmpdir(), 'spinspice-study-'));
const mcArgs = (dir: string, trials: number) => ['mc', model, '--level', 'surrogate', '--trials', String(trials), '--examples', '30', '--sensitivity-trials', '0', '--workers', '2', '--seed', '3', '--dt', '10ps', '--out', dir];
const withoutTimes = (records: { seconds: number }[]) => records.map((r) => ({ ...r, seconds: 0 }));
const silently = async (args: string[]) => {
  const r = await runCli(args);
  return { code: r.code, text: r.out + r.err };
};

test('a JSONL line torn by a kill is cut off and the next record starts on a fresh line', () => {
  const f = join(tmp(), 'trials.jsonl');
  writeFileSync(f, '{"index":0}\n{"index":1}\n{"ind');
  assert.equal(readJsonl(f), [{ index: 0 }, { index: 1 }]);
  appendFileSync(f, '{"index":2}\n');
  assert.equal(readJsonl(f), [{ index: 0 }, { index: 1 }, { index: 2 }]);
});

test('runStudy skips finished trials and refuses a folder holding a study with other arguments', async () => {
  const dir = tmp();
  const ran: number[] = [];
  const run = async (index: number) => (ran.push(index), { index, value: index * index });
  await runStudy({ dir, identity: { a: 1 }, trials: 3, run, concurrency: 2, label: 't' });
  await runStudy({ dir, identity: { a: 1 }, trials: 5, run, concurrency: 2, label: 't' });
  assert.equal(ran.sort(), [0, 1, 2, 3, 4]);
  await runStudy({ dir, identity: { a: 2 }, trials: 5, run, concurrency: 1, label: 't' }).then(
    () => assert.unreachable('a study with other arguments must be refused'),
    (e: Error) => assert.match(e.message, /other arguments/),
  );
});

test('SIGKILL mid-study, then the same command: every trial exactly once, same records as an uninterrupted run', async () => {
  const trials = 40;
  const reference = tmp();
  assert.is((await silently(mcArgs(reference, trials))).code, 0);
  const killed = tmp();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...mcArgs(killed, trials)], { cwd: ROOT, env: { ...process.env, SPINSPICE_QUIET: '1' }, stdio: 'ignore' });
  const file = join(killed, 'trials.jsonl');
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
      if (lines >= 3) {
        clearInterval(poll);
        child.kill('SIGKILL');
        resolve();
      }
    }, 20);
    child.on('exit', (code) => (clearInterval(poll), code === 0 ? reject(new Error('the study finished before it could be killed')) : resolve()));
  });
  await new Promise((r) => child.once('exit', r).once('close', r) && setTimeout(r, 200));
  const partial = readJsonl<{ index: number }>(file).length;
  assert.ok(partial > 0 && partial < trials, `killed after ${partial} of ${trials} trials`);
  assert.is((await silently(mcArgs(killed, trials))).code, 0);
  const resumed = readJsonl<{ index: number; seconds: number }>(file);
  assert.equal(resumed.map((r) => r.index).sort((a, b) => a - b), Array.from({ length: trials }, (_, i) => i), 'each trial exactly once');
  const sorted = (dir: string) => withoutTimes(readJsonl<{ index: number; seconds: number }>(join(dir, 'trials.jsonl')).sort((a, b) => a.index - b.index));
  assert.equal(sorted(killed), sorted(reference));
});

test('--replay runs one trial alone (in this thread) and gets the record a pool worker stored', async () => {
  const dir = tmp();
  assert.is((await silently(mcArgs(dir, 6))).code, 0);
  for (const index of [5, 2]) {
    const r = await silently([...mcArgs(dir, 6), '--replay', String(index)]);
    assert.is(r.code, 0);
    assert.match(r.text, /same as the stored trial/);
  }
});

test.run();
