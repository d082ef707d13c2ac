// Resumable studies: trials run concurrently, each result appended to trials.jsonl as it finishes; a rerun skips what is done.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { writeJsonAtomic } from '../io/atomic.ts';
import { JsonlAppender, readJsonl } from '../io/jsonl.ts';
import { startProgress } from '../io/progress.ts';
import { stableHash } from '../spec/hash.ts';

export interface StudyOptions<R extends { index: number }> {
  /** Folder of the study: study.json (its identity) and the records file. */
  readonly dir: string;
  /** Records file inside dir (default trials.jsonl). */
  readonly file?: string;
  /**
   * What defines the study (model hash, level, spreads, seed, ...), not the trial count: a rerun with another
   * identity is refused, a rerun with more trials extends the study.
   */
  readonly identity: unknown;
  readonly trials: number;
  /** Runs trial `index`; must not throw for a failing trial (return a record with its error instead). */
  readonly run: (index: number) => Promise<R>;
  /** Trials in flight at once (the pool's worker count). */
  readonly concurrency: number;
  readonly label: string;
}

/** Runs trials 0..trials-1 not yet in the records file and returns every record of the study, sorted by index. */
export async function runStudy<R extends { index: number }>(o: StudyOptions<R>): Promise<R[]> {
  const identityFile = join(o.dir, 'study.json');
  const hash = stableHash(o.identity);
  if (existsSync(identityFile)) {
    const stored = JSON.parse(readFileSync(identityFile, 'utf8')) as { hash: string };
    if (stored.hash !== hash) {
      throw new InputError(`holds a study with other arguments (${stored.hash}); use another --out or the same arguments to resume`, 'study.json', identityFile);
    }
  } else {
    writeJsonAtomic(identityFile, { hash, identity: o.identity });
  }
  const file = join(o.dir, o.file ?? 'trials.jsonl');
  const done = new Map<number, R>();
  for (const r of readJsonl<R>(file)) if (r.index < o.trials) done.set(r.index, r);
  const todo = Array.from({ length: o.trials }, (_, i) => i).filter((i) => !done.has(i));
  if (todo.length > 0) {
    const out = new JsonlAppender(file);
    const progress = startProgress(o.label, todo.length);
    let next = 0;
    const lane = async () => {
      while (next < todo.length) {
        const index = todo[next++];
        const record = await o.run(index);
        out.append(record);
        done.set(index, record);
        progress.tick();
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(o.concurrency, todo.length) }, lane));
    } finally {
      progress.stop();
      out.close();
    }
  }
  return [...done.values()].sort((a, b) => a.index - b.index);
}
