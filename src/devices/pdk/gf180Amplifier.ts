// GF180MCU (3.3 V, BSIM4) transistor-level voltage-to-current amplifier for STNO bias: subcircuit text, model-card lines, OP vectors and hand formula.
import { formatSpiceNumber } from '../../units/spiceNumber.ts';

/**
 * Process corners of the GF180MCU card that are deterministic (`statistical` is left out: it draws `agauss`
 * values at parse time, so two runs of the same deck differ).
 */
export type Gf180Corner = 'typical' | 'ff' | 'ss' | 'fs' | 'sf';

/** Where eecircuit-engine (ngspice-45.2 WASM) keeps the GF180 card in its virtual file system. */
export const GF180_ENGINE_LIB_PATH = '/sm141064.ngspice';

/** The same card, byte-identical to the engine's copy, extracted for native ngspice (path relative to the repo root; Apache-2.0, see its LICENSE). */
export const GF180_REPO_LIB_PATH = 'models/pdk/gf180/sm141064.ngspice';

/** sha256 of the card in both places (engine FS and repo), checked by scripts/checkGf180Amplifier.ts. */
export const GF180_CARD_SHA256 = 'cc3ee03650efbf42020a895f498800ac374d8b6f6b80b6dcb55cab7cc9f292b7';

/**
 * The two lines a deck needs before any GF180 MOSFET: the card's global switches, then the corner section.
 * The engine's own wrapper `/modelcard.GF180.typical` sets `sw_stat_global = sw_stat_mismatch = 1`; here both
 * are 0 (no Monte Carlo), which only matters for the card's `nmos_3p3`/`pmos_3p3` *subcircuits*: this amplifier
 * instantiates the binned *models* directly with `M` lines, so it never draws random numbers.
 * Native ngspice-39 needs the `.param` line (the corner section reads `fnoicor`) and an absolute `libPath`.
 */
export function gf180ModelLines(libPath: string = GF180_ENGINE_LIB_PATH, corner: Gf180Corner = 'typical'): string[] {
  if (!libPath || /\s/.test(libPath)) throw new RangeError(`GF180 library path must be non-empty without whitespace: ${JSON.stringify(libPath)}`);
  return [
    '.param sw_stat_global=0 sw_stat_mismatch=0 mc_skew=3 res_mc_skew=3 cap_mc_skew=3 fnoicor=0',
    `.lib ${libPath} ${corner}`,
  ];
}

export interface Gf180VtoIOptions {
  /** Subcircuit name; the OTA inside is `<name>_ota`. Default `gf180_vtoi`. */
  name?: string;
  /** Current-setting resistor in ohms (ideal resistor). Default 400: Gm = 4/rSet = 1e-2 A/V. Only the default is characterised. */
  rSet?: number;
  /** Card path as the running engine sees it. Default the engine's `/sm141064.ngspice`. */
  libPath?: string;
  corner?: Gf180Corner;
}

export interface Gf180AmplifierText {
  /** Name of the top subcircuit: `X<inst> vin iout vdd vss <name>`. */
  name: string;
  ports: readonly ['vin', 'iout', 'vdd', 'vss'];
  /** Lines to put once in the deck before the subcircuits (`.param` switches and `.lib` corner). */
  modelLines: string[];
  /** Two `.subckt` blocks: the OTA, then the V-to-I stage that uses it. */
  subckt: string;
  /** Ideal small-signal transconductance 4/rSet (A/V), the target of the feedback loop. */
  idealGm: number;
}

/** Mirror ratio M8:M7 (m = 16 : 4). */
export const GF180_VTOI_MIRROR_RATIO = 4;

/**
 * gf180VtoIAmplifier — voltage-to-current converter that drives a grounded load (an STNO of 100–300 ohm)
 * with I(iout) ≈ 4·V(vin)/rSet: 0.5–8 mA for vin = 0.05–0.8 V with the default rSet = 400 ohm, VDD = 3.3 V.
 *
 * Topology (all devices GF180MCU 3.3 V, `nmos_3p3`/`pmos_3p3` binned BSIM4 level 54 v4.5, typical corner):
 * - OTA `<name>_ota` (inp inn out vdd vss): 5-transistor, PMOS input pair M1/M2 (W/L = 8u/1u, n-well at VDD: the body effect
 *   raises their V_SG, which is what leaves room for g = V(fb) + V_GS6 below the tail node),
 *   NMOS mirror load M3/M4 (4u/2u), PMOS tail M5 (8u/2u) mirrored 2:1 from diode MB (4u/2u) biased by an
 *   ideal RB = 115 kohm to vss (I_ref ≈ 15.4 µA, tail ≈ 31 µA). Gate of M1 (mirror-diode side) is non-inverting.
 * - Loop: OTA(+) = vin, OTA(−) = fb; OTA out = gate g of NMOS follower M6 (50u/0.6u, m = 8); RSET from fb to vss.
 *   The loop forces V(fb) = V(vin), so I(M6) = V(vin)/rSet.
 * - Output: PMOS mirror M7 (diode, 50u/1u, m = 4) → M8 (50u/1u, m = 16) sources 4·I(M6) out of `iout` into the load.
 * Ports: vin (control voltage, linear 0–0.8 V; keep V(iout) ≤ 2.4 V), iout (current output into a load to vss), vdd (3.3 V), vss (0 V).
 * Junction areas are not given (ad = as = pd = ps = 0): DC and low-frequency (< 1 MHz) use; simulated −3 dB ≈ 22 MHz, no overshoot on a 0.1 V step.
 *
 * Operating point (eecircuit-engine ngspice-45.2 and native ngspice-39 give identical numbers; VDD = 3.3 V,
 * vin = 0.4 V, load 200 ohm, typical, 27 °C; scripts/checkGf180Amplifier.ts prints these):
 *
 * | device | role | I_D | gm | gds | V_dsat | region (V_DS or V_SD) |
 * | --- | --- | --- | --- | --- | --- | --- |
 * | MB | PMOS bias diode 4u/2u | 15.4 µA | 38.1 µS | 0.127 µS | 0.56 V | saturation (diode) |
 * | M5 | PMOS tail 8u/2u | 31.0 µA | 76.7 µS | 0.309 µS | 0.56 V | saturation, 1.30 V |
 * | M1 / M2 | PMOS input pair 8u/1u | 15.5 µA each | 83.0 / 82.6 µS | 0.343 / 0.548 µS | 0.33 V | saturation, 1.00 / 0.66 V (V_th 1.26 V with body effect) |
 * | M3 / M4 | NMOS mirror load 4u/2u | 15.5 µA each | 84.7 / 85.0 µS | 0.217 / 0.187 µS | 0.29 V | saturation, 1.00 / 1.33 V |
 * | M6 | NMOS follower 8 x 50u/0.6u | 0.994 mA | 11.6 mS (gmbs 3.49 mS) | 45.1 µS | 0.15 V | saturation (moderate inversion), 1.55 V |
 * | M7 | PMOS mirror diode 4 x 50u/1u | 0.994 mA | 3.23 mS | 17.6 µS | 0.45 V | saturation (diode), 1.35 V |
 * | M8 | PMOS mirror output 16 x 50u/1u | 4.03 mA | 13.1 mS | 38.9 µS | 0.45 V | saturation, 2.49 V |
 *
 * Node voltages: fb 0.3975 V, g 1.333 V, tail 1.996 V, x 0.998 V, pb 1.770 V, d 1.951 V, iout 0.807 V;
 * supply current 5.07 mA (16.7 mW); 0.094 mA (0.31 mW) at vin = 0; 9.96 mA (32.9 mW) at 8 mA out.
 * Small signal at 1 Hz: Gm = 9.906 mA/V (ideal 10; hand formula 9.887, −0.19 %), OTA open-loop differential gain 112.6
 * (gm2/(gds2 + gds4) = 112.5), loop gain ≈ 74, −3 dB at 21.9 MHz.
 * See {@link gf180VtoISmallSignal} for the hand formula and docs/devices/gf180-amplifier.md for the DC transfer.
 *
 * Model card: GF180MCU PDK `sm141064.ngspice` (Copyright 2022 GlobalFoundries PDK Authors, Apache-2.0;
 * upstream google/globalfoundries-pdk-libs-gf180mcu_fd_pr models/ngspice/, older revision with the
 * nmos_3p3/pmos_3p3 names), as shipped in eecircuit-engine's FS and copied to {@link GF180_REPO_LIB_PATH}.
 */
export function gf180VtoIAmplifier(options: Gf180VtoIOptions = {}): Gf180AmplifierText {
  const name = options.name ?? 'gf180_vtoi';
  if (!/^[a-z][a-z0-9_]*$/i.test(name)) throw new RangeError(`subcircuit name must be an identifier: ${JSON.stringify(name)}`);
  const rSet = options.rSet ?? 400;
  if (!Number.isFinite(rSet) || rSet < 50 || rSet > 1e5) throw new RangeError(`rSet must be within 50..1e5 ohm, got ${rSet}`);
  const n = formatSpiceNumber;
  const ota = `${name}_ota`;
  const subckt = [
    `* 5T OTA, PMOS input (GF180 3.3 V): out rises with inp - inn`,
    `.subckt ${ota} inp inn out vdd vss`,
    `mb pb pb vdd vdd pmos_3p3 w=${n(4e-6)} l=${n(2e-6)}`,
    `rb pb vss ${n(1.15e5)}`,
    `m5 tail pb vdd vdd pmos_3p3 w=${n(8e-6)} l=${n(2e-6)}`,
    `m1 x inp tail vdd pmos_3p3 w=${n(8e-6)} l=${n(1e-6)}`,
    `m2 out inn tail vdd pmos_3p3 w=${n(8e-6)} l=${n(1e-6)}`,
    `m3 x x vss vss nmos_3p3 w=${n(4e-6)} l=${n(2e-6)}`,
    `m4 out x vss vss nmos_3p3 w=${n(4e-6)} l=${n(2e-6)}`,
    `.ends ${ota}`,
    `* V-to-I: I(iout) = ${GF180_VTOI_MIRROR_RATIO}*V(vin)/rset into a load from iout to vss`,
    `.subckt ${name} vin iout vdd vss`,
    `xota vin fb g vdd vss ${ota}`,
    `m6 d g fb vss nmos_3p3 w=${n(5e-5)} l=${n(6e-7)} m=8`,
    `rset fb vss ${n(rSet)}`,
    `m7 d d vdd vdd pmos_3p3 w=${n(5e-5)} l=${n(1e-6)} m=4`,
    `m8 iout d vdd vdd pmos_3p3 w=${n(5e-5)} l=${n(1e-6)} m=16`,
    `.ends ${name}`,
  ].join('\n');
  return {
    name,
    ports: ['vin', 'iout', 'vdd', 'vss'] as const,
    modelLines: gf180ModelLines(options.libPath, options.corner),
    subckt,
    idealGm: GF180_VTOI_MIRROR_RATIO / rSet,
  };
}

/** Operating-point quantities the hand formula needs (siemens). */
export interface Gf180VtoIOp {
  gm2: number; gds2: number; gds4: number;
  gm6: number; gmbs6: number; gds6: number;
  gm7: number; gds7: number;
  gm8: number; gds8: number;
}

/**
 * `.save` vector names of the OP quantities for an instance `X<inst>` of the amplifier (lower case, as ngspice
 * names them; `inst` is the instance name without its leading `x`, e.g. `1` for `X1`).
 */
export function gf180VtoIOpVectors(inst: string): Record<keyof Gf180VtoIOp, string> {
  const x = `x${inst.toLowerCase()}`;
  return {
    gm2: `@m.${x}.xota.m2[gm]`, gds2: `@m.${x}.xota.m2[gds]`, gds4: `@m.${x}.xota.m4[gds]`,
    gm6: `@m.${x}.m6[gm]`, gmbs6: `@m.${x}.m6[gmbs]`, gds6: `@m.${x}.m6[gds]`,
    gm7: `@m.${x}.m7[gm]`, gds7: `@m.${x}.m7[gds]`,
    gm8: `@m.${x}.m8[gm]`, gds8: `@m.${x}.m8[gds]`,
  };
}

/**
 * Hand formula for the low-frequency transconductance from OP values:
 * A = gm2/(gds2 + gds4) (5T OTA, loaded only by the gate of M6);
 * i6/vin = gm6·A / (1 + rSet·(gm6·(1 + A) + gmbs6 + gds6) + gds6/(gm7 + gds7))  (follower in the loop, body effect, diode drain);
 * iout/i6 = gm8/(gm7 + gds7) / (1 + gds8·rLoad)  (mirror with output conductance into the load);
 * Gm = (i6/vin)·(iout/i6).
 */
export function gf180VtoISmallSignal(op: Gf180VtoIOp, rSet: number, rLoad: number): { otaGain: number; followerGm: number; mirrorGain: number; gm: number } {
  const otaGain = op.gm2 / (op.gds2 + op.gds4);
  const followerGm = (op.gm6 * otaGain) / (1 + rSet * (op.gm6 * (1 + otaGain) + op.gmbs6 + op.gds6) + op.gds6 / (op.gm7 + op.gds7));
  const mirrorGain = op.gm8 / (op.gm7 + op.gds7) / (1 + op.gds8 * rLoad);
  return { otaGain, followerGm, mirrorGain, gm: followerGm * mirrorGain };
}
