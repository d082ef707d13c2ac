// Piscina worker entry: registers tsx in the worker thread (workers do not inherit the loader), then serves taskWorker.ts.
import { register } from 'tsx/esm/api';

register();
const { default: runTask } = await import('./taskWorker.ts');
export default runTask;
