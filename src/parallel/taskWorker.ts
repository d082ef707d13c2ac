// Worker side of the task pool: imports the named module (once per worker) and calls the named export with the task's arguments.
import { pathToFileURL } from 'node:url';

/** A unit of work: `module` (absolute path or file URL of a TypeScript/JS module), the export to call, JSON-like arguments. */
export interface Task {
  readonly module: string;
  readonly fn: string;
  readonly args: readonly unknown[];
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

export default async function runTask(task: Task): Promise<unknown> {
  const url = task.module.startsWith('file:') ? task.module : pathToFileURL(task.module).href;
  let mod = modules.get(url);
  if (!mod) {
    mod = import(url) as Promise<Record<string, unknown>>;
    modules.set(url, mod);
  }
  const fn = (await mod)[task.fn];
  if (typeof fn !== 'function') throw new Error(`${task.module} has no exported function ${task.fn}`);
  return fn(...task.args);
}
