// Verifies the GF180 V-to-I amplifier: OP, DC transfer, AC gain vs hand formula, corners; eecircuit-engine and native ngspice.
import { Simulation } from 'eecircuit-engine';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GF180_CARD_SHA256,
  GF180_ENGINE_LIB_PATH,
  GF180_REPO_LIB_PATH,
  gf180VtoIAmplifier,
  gf180VtoIOpVectors,
  gf180VtoISmallSignal,
  type Gf180Corner,
  type Gf180VtoIOp,
} from '../src/devices/pdk/gf180Amplifier.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const VDD = 3.3;
const VIN_OP = 0.4;
const R_LOAD = 200;
const R_SET = 400;
const RUN_TIMEOUT_S = 60;

type Vectors = Record<string, number[]>; // real data; complex stored as name -> re, name#im -> im

interface Engine { name: string; libPath: string; run(deck: string): Promise<Vectors> }

// ---------- decks ----------
/**
 * openLoop: the OTA's inverting input gets the fb node through 1e9 H (the loop stays closed at DC, so the OP is
 * the same) and an AC drive of -0.5 through 1 F, while vin carries +0.5: a purely differential 1 V excitation,
 * so v(x1.g) at 1 Hz is the OTA's open-loop differential gain at the amplifier's own operating point.
 */
function deck(libPath: string, analysis: string, saves: string[], opts: { rLoad?: number; corner?: Gf180Corner; openLoop?: boolean } = {}): string {
  const amp = gf180VtoIAmplifier({ rSet: R_SET, libPath, corner: opts.corner });
  let subckt = amp.subckt;
  if (opts.openLoop) {
    const loopLine = `xota vin fb g vdd vss ${amp.name}_ota`;
    if (!subckt.includes(loopLine)) throw new Error('open-loop bench: OTA instance line not found');
    subckt = subckt.replace(loopLine, [`xota vin inn g vdd vss ${amp.name}_ota`, 'lbrk inn fb 1e9', 'cbrk inn nac 1', 'vbrk nac 0 dc 0 ac 0.5 180'].join('\n'));
  }
  return [
    '* gf180 v-to-i check',
    ...amp.modelLines,
    subckt,
    `vdd vdd 0 ${VDD}`,
    `vin in 0 dc ${VIN_OP} ac ${opts.openLoop ? 0.5 : 1}`,
    `x1 in out vdd 0 ${amp.name}`,
    'vm out o2 0',
    `rl o2 0 ${opts.rLoad ?? R_LOAD}`,
    `.save ${saves.join(' ')}`,
    analysis,
    '.end',
    '',
  ].join('\n');
}

const OP_VEC = gf180VtoIOpVectors('1');
const OP_EXTRA = [
  'v(out)', 'v(x1.fb)', 'v(x1.g)', 'v(x1.d)', 'v(x1.xota.tail)', 'v(x1.xota.x)', 'v(x1.xota.pb)', 'i(vdd)',
  ...['x1.xota.mb', 'x1.xota.m5', 'x1.xota.m1', 'x1.xota.m2', 'x1.xota.m3', 'x1.xota.m4', 'x1.m6', 'x1.m7', 'x1.m8'].flatMap((m) =>
    ['id', 'gm', 'gds', 'vdsat', 'vth'].map((p) => `@m.${m}[${p}]`)),
];

// ---------- engines ----------
function classifyErrors(lines: string[]): string[] {
  return lines.filter((l) => l.trim() && !/^\s*(note|warning)\b/i.test(l) && /error|fatal|not found|undefined|could not|cannot|unknown/i.test(l));
}

async function wasmEngine(): Promise<Engine & { fs: { readFile(p: string): Uint8Array } }> {
  const sim = new Simulation();
  await sim.start();
  const mod = sim.__getSpiceModuleForTests() as { FS: { readFile(p: string): Uint8Array } };
  return {
    name: 'wasm ngspice-45.2',
    libPath: GF180_ENGINE_LIB_PATH,
    fs: mod.FS,
    async run(text: string): Promise<Vectors> {
      sim.setNetList(text);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`wasm run exceeded ${RUN_TIMEOUT_S} s`)), RUN_TIMEOUT_S * 1e3); });
      const r = await Promise.race([sim.runSim(), timeout]).finally(() => clearTimeout(timer));
      const errs = classifyErrors(sim.getError());
      if (errs.length) throw new Error(`wasm ngspice errors:\n${errs.join('\n')}`);
      const out: Vectors = {};
      for (const d of r.data) {
        if (r.dataType === 'real') out[d.name] = d.values as number[];
        else {
          out[d.name] = (d.values as { real: number; img: number }[]).map((c) => c.real);
          out[`${d.name}#im`] = (d.values as { real: number; img: number }[]).map((c) => c.img);
        }
      }
      return out;
    },
  };
}

/** Parses an ngspice raw file (binary or ascii), real or complex. */
function parseRaw(buf: Buffer): Vectors {
  const binAt = buf.indexOf('Binary:\n');
  const ascAt = buf.indexOf('Values:\n');
  const headEnd = binAt >= 0 ? binAt : ascAt;
  const head = buf.subarray(0, headEnd).toString('latin1');
  const nVars = Number(/No\. Variables:\s*(\d+)/.exec(head)?.[1]);
  const nPts = Number(/No\. Points:\s*(\d+)/.exec(head)?.[1]);
  const complex = /Flags:.*complex/.test(head);
  const varBlock = head.slice(head.indexOf('\nVariables:') + '\nVariables:'.length).trim().split('\n');
  const names = varBlock.slice(0, nVars).map((l) => l.trim().split(/\s+/)[1]);
  const out: Vectors = {};
  for (const nm of names) { out[nm] = []; if (complex) out[`${nm}#im`] = []; }
  if (binAt >= 0) {
    const body = buf.subarray(binAt + 'Binary:\n'.length);
    const per = complex ? 2 : 1;
    for (let p = 0; p < nPts; p++) for (let v = 0; v < nVars; v++) {
      const off = 8 * per * (p * nVars + v);
      out[names[v]].push(body.readDoubleLE(off));
      if (complex) out[`${names[v]}#im`].push(body.readDoubleLE(off + 8));
    }
  } else {
    const toks = buf.subarray(ascAt + 'Values:\n'.length).toString('latin1').trim().split(/\s+/);
    let k = 0;
    for (let p = 0; p < nPts; p++) {
      k++; // point index
      for (let v = 0; v < nVars; v++) {
        const [re, im] = toks[k++].split(',').map(Number);
        out[names[v]].push(re);
        if (complex) out[`${names[v]}#im`].push(im ?? 0);
      }
    }
  }
  return out;
}

function nativeEngine(): Engine | undefined {
  try { execFileSync('ngspice', ['--version'], { stdio: 'pipe' }); } catch { return undefined; }
  return {
    name: 'native ngspice',
    libPath: join(REPO, GF180_REPO_LIB_PATH),
    async run(text: string): Promise<Vectors> {
      const dir = mkdtempSync(join(tmpdir(), 'gf180-'));
      try {
        writeFileSync(join(dir, 'deck.cir'), text);
        let log = '';
        try {
          log = execFileSync('ngspice', ['-b', '-r', join(dir, 'out.raw'), join(dir, 'deck.cir')], { stdio: 'pipe', timeout: RUN_TIMEOUT_S * 1e3 }).toString();
        } catch (e) {
          const err = e as { stdout?: Buffer; stderr?: Buffer };
          throw new Error(`native ngspice failed:\n${String(err.stdout ?? '')}${String(err.stderr ?? '')}`);
        }
        const errs = classifyErrors(log.split('\n'));
        if (errs.length) throw new Error(`native ngspice errors:\n${errs.join('\n')}`);
        return parseRaw(readFileSync(join(dir, 'out.raw')));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// ---------- measurements ----------
const get = (v: Vectors, name: string): number[] => {
  const key = Object.keys(v).find((k) => k.toLowerCase() === name.toLowerCase());
  if (!key) throw new Error(`vector ${name} missing; have ${Object.keys(v).join(', ')}`);
  return v[key];
};
/** ngspice names @m...[id] as i(@m...[id]) and vdsat/vth as v(...) in the WASM raw data; accept either. */
const getOp = (v: Vectors, name: string): number => {
  for (const cand of [name, `i(${name})`, `v(${name})`]) {
    const key = Object.keys(v).find((k) => k.toLowerCase() === cand.toLowerCase());
    if (key) return v[key][0];
  }
  throw new Error(`OP vector ${name} missing`);
};

interface Result {
  op: Record<string, number>;
  dc: { vin: number[]; iout: Record<number, number[]>; idd: number[]; vfb: number[] };
  ac: { gm1Hz: number; f3dB: number; otaGainSim: number };
  corners: Record<string, { i04: number; i08: number; gm: number }>;
}

async function characterise(eng: Engine, withCorners: boolean): Promise<Result> {
  const opv = await eng.run(deck(eng.libPath, '.op', [...Object.values(OP_VEC), ...OP_EXTRA]));
  const op: Record<string, number> = {};
  for (const [k, name] of Object.entries(OP_VEC)) op[k] = getOp(opv, name);
  for (const name of OP_EXTRA) op[name] = getOp(opv, name);

  const iout: Record<number, number[]> = {};
  let vin: number[] = [], idd: number[] = [], vfb: number[] = [];
  for (const rl of [100, 200, 300]) {
    const d = await eng.run(deck(eng.libPath, '.dc vin 0 1 0.05', ['i(vm)', 'v(x1.fb)', 'i(vdd)'], { rLoad: rl }));
    iout[rl] = get(d, 'i(vm)');
    if (rl === R_LOAD) { vin = get(d, Object.keys(d).find((k) => /sweep|vin/i.test(k)) ?? 'v(v-sweep)'); idd = get(d, 'i(vdd)').map((x) => -x); vfb = get(d, 'v(x1.fb)'); }
  }

  const a = await eng.run(deck(eng.libPath, '.ac dec 20 1 1e9', ['i(vm)', 'v(x1.g)', 'v(x1.fb)']));
  const f = get(a, 'frequency');
  const mag = get(a, 'i(vm)').map((re, i) => Math.hypot(re, get(a, 'i(vm)#im')[i]));
  const gm1Hz = mag[0];
  const k3 = mag.findIndex((m) => m < gm1Hz / Math.SQRT2);
  const f3dB = k3 > 0 ? f[k3 - 1] * Math.pow(f[k3] / f[k3 - 1], (Math.log(mag[k3 - 1] / (gm1Hz / Math.SQRT2))) / Math.log(mag[k3 - 1] / mag[k3])) : NaN;
  const ol = await eng.run(deck(eng.libPath, '.ac lin 1 1 1', ['v(x1.g)', 'v(x1.inn)'], { openLoop: true }));
  const otaGainSim = Math.hypot(get(ol, 'v(x1.g)')[0], get(ol, 'v(x1.g)#im')[0]);

  const corners: Result['corners'] = {};
  if (withCorners) for (const c of ['typical', 'ff', 'ss', 'fs', 'sf'] as const) {
    const d = await eng.run(deck(eng.libPath, '.dc vin 0.4 0.8 0.4', ['i(vm)'], { corner: c }));
    const g = await eng.run(deck(eng.libPath, '.ac lin 1 1e3 1e3', ['i(vm)'], { corner: c }));
    const i = get(d, 'i(vm)');
    corners[c] = { i04: i[0], i08: i[1], gm: Math.hypot(get(g, 'i(vm)')[0], get(g, 'i(vm)#im')[0]) };
  }
  return { op, dc: { vin, iout, idd, vfb }, ac: { gm1Hz, f3dB, otaGainSim }, corners };
}

const fx = (x: number, d = 4): string => (Number.isFinite(x) ? x.toPrecision(d) : String(x));

function report(eng: string, r: Result): void {
  const o = r.op;
  console.log(`\n===== ${eng} =====`);
  console.log(`OP (vin=${VIN_OP} V, RL=${R_LOAD} ohm, VDD=${VDD} V): Iout=${fx(o['v(out)'] / R_LOAD * 1e3)} mA, Idd=${fx(-o['i(vdd)'] * 1e3)} mA, P=${fx(-o['i(vdd)'] * VDD * 1e3)} mW`);
  console.log(`  nodes: fb=${fx(o['v(x1.fb)'])} g=${fx(o['v(x1.g)'])} d=${fx(o['v(x1.d)'])} tail=${fx(o['v(x1.xota.tail)'])} x=${fx(o['v(x1.xota.x)'])} pb=${fx(o['v(x1.xota.pb)'])} out=${fx(o['v(out)'])}`);
  console.log('  device      Id(A)       gm(S)       gds(S)      vdsat(V)  vth(V)');
  for (const m of ['x1.xota.mb', 'x1.xota.m5', 'x1.xota.m1', 'x1.xota.m2', 'x1.xota.m3', 'x1.xota.m4', 'x1.m6', 'x1.m7', 'x1.m8']) {
    const q = (p: string): string => fx(o[`@m.${m}[${p}]`]).padEnd(11);
    console.log(`  ${m.padEnd(11)} ${q('id')} ${q('gm')} ${q('gds')} ${q('vdsat')} ${q('vth')}`);
  }
  console.log(`  gmbs6=${fx(o.gmbs6)}`);
  console.log('DC transfer, Iout (mA) vs vin (V) for RL = 100 / 200 / 300 ohm, Idd and V(fb) at 200 ohm:');
  for (let i = 0; i < r.dc.vin.length; i += 2) {
    console.log(`  ${r.dc.vin[i].toFixed(2)}  ${[100, 200, 300].map((rl) => (r.dc.iout[rl][i] * 1e3).toFixed(4).padStart(8)).join(' ')}   Idd=${(r.dc.idd[i] * 1e3).toFixed(3)} mA  fb=${r.dc.vfb[i].toFixed(4)}`);
  }
  const ss = gf180VtoISmallSignal(o as unknown as Gf180VtoIOp, R_SET, R_LOAD);
  console.log(`AC: Gm(1 Hz)=${fx(r.ac.gm1Hz * 1e3, 6)} mA/V, f-3dB=${fx(r.ac.f3dB / 1e6)} MHz, OTA open-loop differential gain |v(g)/vd|=${fx(r.ac.otaGainSim)}`);
  console.log(`Hand formula: A=gm2/(gds2+gds4)=${fx(ss.otaGain)}, i6/vin=${fx(ss.followerGm * 1e3)} mA/V, mirror=${fx(ss.mirrorGain)}, Gm=${fx(ss.gm * 1e3, 6)} mA/V; ideal 4/Rset=${fx(4 / R_SET * 1e3)} mA/V`);
  console.log(`  Gm formula vs simulated: ${fx((ss.gm / r.ac.gm1Hz - 1) * 100, 3)} %; OTA gain formula vs open-loop bench: ${fx((ss.otaGain / r.ac.otaGainSim - 1) * 100, 3)} %`);
  if (Object.keys(r.corners).length) {
    console.log('Corners: Iout(0.4 V) mA, Iout(0.8 V) mA, Gm(1 kHz) mA/V');
    for (const [c, v] of Object.entries(r.corners)) console.log(`  ${c.padEnd(8)} ${(v.i04 * 1e3).toFixed(4)}  ${(v.i08 * 1e3).toFixed(4)}  ${(v.gm * 1e3).toFixed(4)}`);
  }
}

// ---------- main ----------
const wasm = await wasmEngine();
const engineCard = wasm.fs.readFile(GF180_ENGINE_LIB_PATH);
const repoCard = readFileSync(join(REPO, GF180_REPO_LIB_PATH));
const hEngine = createHash('sha256').update(engineCard).digest('hex');
const hRepo = createHash('sha256').update(repoCard).digest('hex');
console.log(`card sha256 engine=${hEngine}\n            repo  =${hRepo}\n            expect=${GF180_CARD_SHA256}`);
let failed = hEngine !== GF180_CARD_SHA256 || hRepo !== GF180_CARD_SHA256;

let t0 = Date.now();
const rw = await characterise(wasm, true);
console.log(`\nwasm characterisation took ${Date.now() - t0} ms`);
report(wasm.name, rw);
const ssW = gf180VtoISmallSignal(rw.op as unknown as Gf180VtoIOp, R_SET, R_LOAD);
if (Math.abs(ssW.gm / rw.ac.gm1Hz - 1) > 0.01 || Math.abs(ssW.otaGain / rw.ac.otaGainSim - 1) > 0.05) failed = true;

const nat = nativeEngine();
if (nat) {
  t0 = Date.now();
  const rn = await characterise(nat, false);
  console.log(`\nnative characterisation took ${Date.now() - t0} ms`);
  report(nat.name, rn);
  const dGm = rn.ac.gm1Hz / rw.ac.gm1Hz - 1;
  const dI = Math.max(...rn.dc.iout[R_LOAD].map((x, i) => Math.abs(x - rw.dc.iout[R_LOAD][i])));
  console.log(`\nWASM vs native: Gm rel diff ${dGm.toExponential(2)}, max |dIout| over DC sweep ${dI.toExponential(2)} A`);
  if (Math.abs(dGm) > 1e-4 || dI > 1e-7) failed = true;
} else console.log('\nnative ngspice not found: skipped');

console.log(failed ? '\nFAIL' : '\nOK');
process.exit(failed ? 1 : 0);
