// STNO as the universal auto-oscillator (PHYSICS.md section 4): complex amplitude c with relaxation, nonlinear frequency shift, injection.
import { defineDevice } from './device.ts';

/**
 * stnoAmplitude — complex spin-wave amplitude c = re + i*im (p = |c|^2) in a frame rotating at `fref`
 * (Slavin & Tiberkevich 2009, c ~ exp(-i*omega*t), phase phi = -arg c):
 *   dc/dt = -i*Omega(p)*c - G(p)*c + 2*pi*k*exp(i*beta)*(B - c)
 *   Omega(p) = 2*pi*(F - fref) + N*(p - p0)        F = softclip(F0 + kappa*I_bias), as in stnoPhase
 *   G(p)     = Gamma_+(p) - Gamma_-(p) = gammaG*(1 + Q*p) - zeta*gammaG*(1 - p)     (zeta = sigma*I/Gamma_G)
 * with B = sum_j c_j read from an `amplitudeBus` (the oscillator's own c is subtracted, so an isolated oscillator is exact).
 * Choices: the bias sets the free-running frequency at the stationary power p0 = (zeta - 1)/(zeta + Q) (omega_0 = 2*pi*F - N*p0),
 * so trained frequencies stay the oscillation frequencies for any N; the supercriticality zeta is a parameter, so p0 and the
 * coupling sqrt(p_j/p_i) do not depend on the bias a classifier chooses.
 * Power: dp/dt = 2*Gamma_p*p*(1 - p/p0) (logistic), Gamma_p = gammaG*(zeta - 1): perturbations decay as exp(-2*Gamma_p*t).
 * Phase reduction (weak injection, amplitude adiabatic, nu = N*p0/Gamma_p):
 *   dphi_i/dt = 2*pi*F_i + 2*pi*k*sqrt(1 + nu^2) * sum_j sin(phi_j - phi_i - beta + atan(nu))   (Kuramoto-Sakaguchi)
 * N = 0, beta = 0: stnoPhase's Kuramoto coupling k. Two oscillators lock iff |dF| <= 2*k*sqrt(1 + nu^2)*|cos(atan(nu) - beta)|.
 */
export const stnoAmplitude = defineDevice({
  kind: 'stnoAmplitude',
  summary: 'STNO complex-amplitude auto-oscillator: amplitude relaxation, nonlinear frequency shift N, injection coupling through an amplitudeBus',
  doc: 'Slavin & Tiberkevich, IEEE Trans. Magn. 45, 1875 (2009) eqs. of the universal auto-oscillator; frequency tuning and clamp as stnoPhase (paper 000)',
  ports: {
    bias: { role: 'through', doc: 'bias current input; the junction (Rj) to ground carries I_bias, which sets the frequency' },
    re: { role: 'out', doc: 'Re c (V), state node, rotating frame at fref' },
    im: { role: 'out', doc: 'Im c (V), state node, rotating frame at fref' },
    busRe: { role: 'out', doc: 'injects Re c (A) into the re node of an amplitudeBus' },
    busIm: { role: 'out', doc: 'injects Im c (A) into the im node of an amplitudeBus' },
  },
  params: {
    F0: { unit: 'Hz', default: 4.4e8, min: 0, max: 1e11, doc: 'frequency extrapolated to zero bias (F = F0 + kappa*I), as stnoPhase', spread: { kind: 'absolute', sigma: 2e6, doc: 'device-to-device frequency spread (assumed 2 MHz)' } },
    kappa: { unit: 'Hz/A', default: 4e10, min: -1e14, max: 1e14, doc: 'current tunability dF/dI (40 MHz/mA), as stnoPhase', spread: { kind: 'relative', sigma: 0.02, doc: 'tunability spread (assumed 2 %)' } },
    Rj: { unit: 'ohm', default: 100, min: 1, max: 1e6, doc: 'junction resistance seen by the bias current' },
    Fmin: { unit: 'Hz', default: 5e8, min: 0, max: 1e11, doc: 'lower end of the tuning range (paper 000: 500 MHz)' },
    Fmax: { unit: 'Hz', default: 6.8e8, min: 0, max: 1e11, doc: 'upper end of the tuning range (paper 000: 680 MHz)' },
    Fsoft: { unit: 'Hz', default: 1e5, min: 1, max: 1e9, doc: 'width of the smooth clamp (softplus), as stnoPhase' },
    k: { unit: 'Hz', default: 1e7, min: 0, max: 1e10, doc: 'injection strength 2*pi*k (1/s): Kuramoto coupling k at N = 0 (paper 000: 10 MHz)', spread: { kind: 'relative', sigma: 0.05, doc: 'coupling spread (assumed 5 %)' } },
    beta: { unit: 'rad', default: 0, min: -Math.PI, max: Math.PI, doc: 'phase of the injection (0: in-phase coupling through a resistive line)' },
    gammaG: { unit: '1/s', default: 1e9, min: 1, max: 1e12, doc: 'linear (Gilbert) damping rate Gamma_G; numerical choice 1e9 keeps 2*pi*k/Gamma_p ~ 0.06 at zeta = 2' },
    zeta: { unit: '', default: 2, min: 1.001, max: 100, doc: 'supercriticality sigma*I/Gamma_G of the drive (sets p0 = (zeta - 1)/(zeta + Q))', spread: { kind: 'relative', sigma: 0.05, doc: 'drive / threshold spread (assumed 5 %)' } },
    Q: { unit: '', default: 2, min: 0, max: 100, doc: 'nonlinear damping coefficient Q (paper 002: 2)' },
    N: { unit: 'rad/s', default: 0, min: -1e12, max: 1e12, doc: 'nonlinear frequency shift N = d omega/dp (0: the phase dynamics is stnoPhase Kuramoto)' },
    fref: { unit: 'Hz', default: 5.9e8, min: 0, max: 1e11, doc: 'frequency of the rotating frame (must be the same on one bus)' },
  },
  equations: {
    linearFrequency: 'F0 + kappa * Ibias',
    naturalFrequency:
      'Fmin + max(Fl - Fmin, 0) + Fsoft * log(1 + exp(-abs(Fl - Fmin) / Fsoft)) - max(Fl - Fmax, 0) - Fsoft * log(1 + exp(-abs(Fl - Fmax) / Fsoft))',
    stationaryPower: '(zeta - 1) / (zeta + Q)',
    power: 'x^2 + y^2',
    frameFrequency: '2 * pi * (F - fref) + N * (p - p0)',
    netDamping: 'gammaG * (1 + Q * p) - zeta * gammaG * (1 - p)',
    reRate: 'W * y - G * x + 2 * pi * k * (cos(beta) * (Bre - x) - sin(beta) * (Bim - y))',
    imRate: '-W * x - G * y + 2 * pi * k * (sin(beta) * (Bre - x) + cos(beta) * (Bim - y))',
  },
  states: {
    re: { port: 're', unit: '', doc: 'Re c in the rotating frame', initial: 0.5 },
    im: { port: 'im', unit: '', doc: 'Im c in the rotating frame', initial: 0 },
  },
  dcPaths: [['bias', 'gnd'], ['re', 'gnd'], ['im', 'gnd']],
  subcircuit(render) {
    const state = { x: 'v(re)', y: 'v(im)', W: 'v(omega)', G: 'v(damp)', Bre: 'v(busRe)', Bim: 'v(busIm)' };
    return [
      'Rj bias 0 {Rj}',
      `Bfreq freq 0 V=${render('naturalFrequency', { Fl: `(${render('linearFrequency', { Ibias: 'v(bias)/Rj' })})` })}`,
      `Bpower pw 0 V=${render('power', { x: 'v(re)', y: 'v(im)' })}`,
      `Bomega omega 0 V=${render('frameFrequency', { F: 'v(freq)', p: 'v(pw)', p0: `(${render('stationaryPower')})` })}`,
      `Bdamp damp 0 V=${render('netDamping', { p: 'v(pw)' })}`,
      `Bre 0 re I=${render('reRate', state)}`,
      `Bim 0 im I=${render('imRate', state)}`,
      'Cre re 0 1',
      'Cim im 0 1',
      'Rleakre re 0 1e15',
      'Rleakim im 0 1e15',
      'Bbusre 0 busRe I=v(re)',
      'Bbusim 0 busIm I=v(im)',
    ];
  },
});

type AmplitudeParams = Record<string, number>;

/** Stationary power p0 = (zeta - 1)/(zeta + Q) of an isolated oscillator. */
export function stationaryPower(params: AmplitudeParams): number {
  return stnoAmplitude.fn.stationaryPower(params);
}

/** Power relaxation rate Gamma_p = p0 * d(Gamma_+ - Gamma_-)/dp = gammaG*(zeta - 1) (1/s): small power deviations decay as exp(-2*Gamma_p*t). */
export function powerRelaxationRate(params: AmplitudeParams): number {
  return params.gammaG * (params.zeta - 1);
}

/** Dimensionless nonlinear frequency shift nu = N*p0/Gamma_p = N/Gamma_eff, Gamma_eff = Gamma_p/p0 = gammaG*(zeta + Q). */
export function dimensionlessShift(params: AmplitudeParams): number {
  return (params.N * stationaryPower(params)) / powerRelaxationRate(params);
}

/** The N (rad/s) that gives a dimensionless shift nu with the other parameters. */
export function nonlinearShiftFor(nu: number, params: AmplitudeParams): number {
  return (nu * powerRelaxationRate(params)) / stationaryPower(params);
}

/** Two-oscillator locking range of the phase reduction: lock iff |dF| <= 2*k*sqrt(1 + nu^2)*|cos(atan(nu) - beta)| (Hz). */
export function pairLockingRange(params: AmplitudeParams): number {
  const nu = dimensionlessShift(params);
  return 2 * params.k * Math.sqrt(1 + nu * nu) * Math.abs(Math.cos(Math.atan(nu) - params.beta));
}

/** The state (re, im) on the limit cycle p = p0 with phase phi (c = sqrt(p0)*exp(-i*phi)). */
export function amplitudeState(params: AmplitudeParams, phase: number): { re: number; im: number } {
  const a = Math.sqrt(stationaryPower(params));
  return { re: a * Math.cos(phase), im: -a * Math.sin(phase) };
}
