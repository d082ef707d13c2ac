// Every device kind the description format knows: one line per device.
import type { Device } from './device.ts';
import { stnoPhase } from './stnoPhase.ts';
import { phaseBus } from './phaseBus.ts';
import { stnoPower } from './stnoPower.ts';
import { stnoActivation } from './stnoActivation.ts';
import { spinDiode } from './spinDiode.ts';
import { highPass } from './highPass.ts';
import { cmosAmp, cmosGm } from './cmosAmp.ts';
import { cmosGmGf180 } from './cmosGmGf180.ts';
import { resistor } from './resistor.ts';
import { synapse } from './synapse.ts';

export const DEVICES: Record<string, Device> = Object.fromEntries(
  [stnoPhase, phaseBus, stnoPower, stnoActivation, spinDiode, highPass, cmosAmp, cmosGm, cmosGmGf180, resistor, synapse].map((d) => [d.kind, d as unknown as Device]),
);
