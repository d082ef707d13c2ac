// Transistor-level transconductor on the GF180MCU model card shipped in the WASM engine (STNO bias-current stage).
import { defineDevice } from './device.ts';
import { gf180VtoIAmplifier } from './pdk/gf180Amplifier.ts';

const amp = gf180VtoIAmplifier();
// The amplifier text is the OTA subcircuit (a helper, placed in the library preamble) followed by the V-to-I subcircuit,
// whose body (between its .subckt and .ends lines) becomes this device's body.
const lines = amp.subckt.split('\n');
const top = lines.findIndex((l) => l.startsWith(`.subckt ${amp.name} `));
const helpers = lines.slice(0, top);
const body = lines.slice(top + 1, -1);

/**
 * cmosGmGf180 — OTA + NMOS follower + 1:4 PMOS mirror (src/devices/pdk/gf180Amplifier.ts, operating point in its doc and
 * docs/devices/gf180-amplifier.md): I(iout) = 4*v(vin)/rSet into a grounded load, 0.5-8 mA for vin = 0.05-0.8 V at 3.3 V.
 */
export const cmosGmGf180 = defineDevice({
  kind: 'cmosGmGf180',
  summary: 'transistor-level voltage-to-current amplifier, GF180MCU 3.3 V (I = 4*vin/rSet)',
  doc: 'GF180MCU PDK sm141064.ngspice (Apache-2.0, in eecircuit-engine and models/pdk/gf180), typical corner',
  ports: {
    vin: { role: 'in', doc: 'control voltage (linear 0-0.8 V)' },
    iout: { role: 'out', doc: 'current output into a load to vss (keep v(iout) <= 2.4 V)' },
    vdd: { role: 'in', doc: 'supply, 3.3 V' },
    vss: { role: 'through', doc: 'ground of the amplifier' },
  },
  params: {
    rSet: { unit: 'ohm', default: 400, min: 50, max: 1e5, doc: 'current-setting resistor: Gm = 4/rSet', spread: { kind: 'relative', sigma: 0.01, doc: 'resistor tolerance (assumed 1 %)' } },
  },
  equations: {},
  preamble: [...amp.modelLines, ...helpers],
  dcPaths: [['iout', 'vdd', 'vss']],
  subcircuit() {
    return body.map((l) => (l.startsWith('rset ') ? 'rset fb vss {rSet}' : l));
  },
});
