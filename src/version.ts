// The toolkit's version, recorded in every netlist, checkpoint and result.
export const VERSION = '0.1.0';
