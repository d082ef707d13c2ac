// Worker half of SplitKernel: waits on the shared control word, runs forward/backward on its DynamicsKernel, replies on the port.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { DynamicsKernel } from './kernel.ts';
import { REPLY, REQUEST, type SplitReply, type SplitRequest } from './splitKernel.ts';

const { cfg, masks, ctrl, port } = workerData as { cfg: ConstructorParameters<typeof DynamicsKernel>[0]; masks: ConstructorParameters<typeof DynamicsKernel>[1]; ctrl: Int32Array; port: MessagePort };
const kernel = new DynamicsKernel(cfg, masks);

function serve(r: SplitRequest): SplitReply {
  try {
    return { out: r.cmd === 'forward' ? kernel.forward(r.theta, r.u, r.B, r.T, { tape: r.tape }) : kernel.backward(r.dOut) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

for (;;) {
  Atomics.wait(ctrl, REQUEST, 0);
  Atomics.store(ctrl, REQUEST, 0);
  const r = receiveMessageOnPort(port)?.message as SplitRequest;
  port.postMessage(serve(r));
  Atomics.store(ctrl, REPLY, 1);
  Atomics.notify(ctrl, REPLY);
}
