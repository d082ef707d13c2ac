// Worker thread that owns one eecircuit-engine (WASM ngspice) instance and runs decks strictly one at a time.
import { parentPort } from 'node:worker_threads';
import { Simulation } from 'eecircuit-engine';

export interface WorkerRequest {
  id: number;
  deck: string;
}

export interface WorkerReply {
  id: number;
  /** Lines from getError() plus any error lines from getInfo(). */
  messages: string[];
  info: string;
  ok: boolean;
  dataType?: 'real' | 'complex';
  names?: string[];
  real?: Float64Array[];
  imag?: Float64Array[];
}

// The engine echoes ngspice's console to stdout; messages are read back through getError()/getInfo() instead.
console.log = () => {};
console.error = () => {};
console.warn = () => {};
const sim = new Simulation();
const ready = sim.start();
let queue: Promise<void> = Promise.resolve();

async function run({ id, deck }: WorkerRequest): Promise<WorkerReply> {
  await ready;
  // A unique title proves that the data returned belongs to this run (a failed run returns the previous run's data).
  const lines = deck.split('\n');
  const marker = `spinspice-run-${id}-${Date.now()}`;
  lines[0] = `${marker} ${lines[0].replace(/^\*\s*/, '')}`;
  sim.setNetList(lines.join('\n'));
  // A fatal ngspice error (e.g. an unknown function or parameter) blocks this thread for good: the host's timeout
  // terminates the worker. Device equations are whitelisted before emission so that spinspice's own decks never do it.
  const result = await sim.runSim();
  const info = sim.getInfo();
  const messages = [...sim.getError()];
  const fresh = info.includes(`Circuit: ${marker}`) && /No\. of Data Rows/.test(info);
  if (!fresh) return { id, messages: messages.length ? messages : ['Error: the run produced no data'], info, ok: false };
  if (result.dataType === 'complex') {
    return {
      id, messages, info, ok: true, dataType: 'complex', names: result.variableNames,
      real: result.data.map((d) => Float64Array.from(d.values, (c) => c.real)),
      imag: result.data.map((d) => Float64Array.from(d.values, (c) => c.img)),
    };
  }
  return { id, messages, info, ok: true, dataType: 'real', names: result.variableNames, real: result.data.map((d) => Float64Array.from(d.values)) };
}

parentPort!.on('message', (req: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage(await run(req));
    } catch (e) {
      parentPort!.postMessage({ id: req.id, messages: [`Error: ${(e as Error).message}`], info: '', ok: false } satisfies WorkerReply);
    }
  });
});
