// Net rules: no dangling or undriven net, and every net has a DC path to ground (union-find over device DC paths).
import { DEVICES } from '../devices/registry.ts';
import type { Description } from './description.ts';

type Fail = (message: string, field: string) => never;

interface Connection {
  role: 'in' | 'out' | 'through';
  field: string;
}

export function checkConnectivity(d: Description, fail: Fail): void {
  const conns = new Map<string, Connection[]>();
  const add = (net: string, c: Connection) => {
    if (net === '0') return;
    conns.set(net, [...(conns.get(net) ?? []), c]);
  };
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x);
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const join = (a: string, b: string) => parent.set(find(a), find(b));

  d.instances.forEach((inst, i) => {
    const device = DEVICES[inst.kind];
    for (const [port, net] of Object.entries(inst.nets)) add(net, { role: device.ports[port].role, field: `instances[${i}].nets.${port}` });
    for (const group of device.dcPaths) {
      const nets = group.map((p) => (p === 'gnd' ? '0' : inst.nets[p]));
      nets.slice(1).forEach((n) => join(nets[0], n));
    }
  });
  d.sources.forEach((s, i) => {
    add(s.nets.p, { role: 'through', field: `sources[${i}].nets.p` });
    add(s.nets.n, { role: 'through', field: `sources[${i}].nets.n` });
    if (s.type === 'V') join(s.nets.p, s.nets.n);
  });

  for (const [net, list] of conns) {
    if (list.every((c) => c.role === 'in')) fail(`net "${net}" is not driven: only inputs connect to it`, list[0].field);
    if (list.length === 1 && list[0].role === 'through') fail(`net "${net}" is dangling: nothing else connects to it`, list[0].field);
  }
  const ground = find('0');
  for (const [net, list] of conns) {
    if (find(net) !== ground) fail(`net "${net}" has no DC path to ground`, list[0].field);
  }
  for (const [i, net] of (d.save ?? []).entries()) if (net !== '0' && !conns.has(net)) fail(`no net named "${net}"`, `save[${i}]`);
}
