// Every device kind the description format knows: one line per device.
import type { Device } from './device.ts';
import { stnoPhase } from './stnoPhase.ts';
import { phaseBus } from './phaseBus.ts';
import { stnoAmplitude } from './stnoAmplitude.ts';
import { amplitudeBus } from './amplitudeBus.ts';
import { stnoPower } from './stnoPower.ts';
import { stnoActivation } from './stnoActivation.ts';
import { spinDiode } from './spinDiode.ts';
import { highPass } from './highPass.ts';
import { cmosAmp, cmosGm } from './cmosAmp.ts';
import { cmosGmGf180 } from './cmosGmGf180.ts';
import { resistor } from './resistor.ts';
import { maxPool } from './maxPool.ts';
import { spinDiodeRf } from './spinDiodeRf.ts';
import { synapseGm } from './synapseGm.ts';
import { rfSource } from './rfSource.ts';

export const DEVICES: Record<string, Device> = Object.fromEntries(
  [stnoPhase, phaseBus, stnoAmplitude, amplitudeBus, stnoPower, stnoActivation, spinDiode, highPass, cmosAmp, cmosGm, cmosGmGf180, resistor, synapseGm, maxPool, spinDiodeRf, rfSource].map((d) => [d.kind, d as unknown as Device]),
);
