// Error classes every module throws: input errors name the file, field and allowed range.

/** Bad user input (description file, CLI flag, config): the message names where and what is allowed. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly file?: string,
  ) {
    super([file, field].filter(Boolean).join(': ') + (file || field ? ': ' : '') + message);
    this.name = 'InputError';
  }
}

/** ngspice rejected a deck or a run failed; carries the offending netlist line when ngspice names one. */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly netlistLine?: { number: number; text: string; file?: string },
    readonly engineMessages: string[] = [],
  ) {
    super(netlistLine ? `${message}\n  at ${netlistLine.file ? `${netlistLine.file} ` : 'netlist '}line ${netlistLine.number}: ${netlistLine.text}` : message);
    this.name = 'SimulationError';
  }
}

/** A run exceeded its time limit; the engine that ran it has been replaced. */
export class SimulationTimeoutError extends SimulationError {
  constructor(readonly seconds: number) {
    super(`ngspice run did not finish within ${seconds} s (engine replaced)`);
    this.name = 'SimulationTimeoutError';
  }
}
