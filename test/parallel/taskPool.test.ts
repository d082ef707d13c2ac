// TaskPool: results come back from workers; a task stuck in its thread is aborted at its time limit and the pool serves on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TaskPool } from '../../src/parallel/taskPool.ts';

const TASKS = new URL('./fixtureTasks.ts', import.meta.url);

test('a task that blocks its worker for good is aborted after timeoutMs; the replaced worker runs the next task', async () => {
  const pool = new TaskPool(1);
  try {
    assert.is(await pool.run<number>(TASKS, 'double', [21]), 42);
    const stuck = await pool.run(TASKS, 'spinForever', [], 3000).then(
      () => 'finished',
      (e: Error) => e.message,
    );
    assert.match(stuck, /still running after 3 s/);
    assert.is(await pool.run<number>(TASKS, 'double', [4], 60_000), 8);
  } finally {
    await pool.close();
  }
});

test.run();
