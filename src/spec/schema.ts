// The JSON description format (instances, nets, sources, analyses, trainable parameters) as a zod schema.
import { z } from 'zod';

/** A number (SI) or a quantity string such as "600 MHz". */
const quantity = z.union([z.number(), z.string()]);
/** Names become SPICE element and node names: letters, digits, underscore; nothing that could start a card. */
export const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const name = z.string().regex(NAME, 'must start with a letter and use only letters, digits and _ (at most 64 characters)');
const net = z.string().regex(/^([A-Za-z][A-Za-z0-9_]{0,63}|0)$/, 'net names use letters, digits and _ ("0" or "gnd" is ground)');

const instance = z.strictObject({
  name,
  kind: z.string(),
  nets: z.record(z.string(), net),
  params: z.record(z.string(), quantity).optional(),
  initial: z.record(z.string(), quantity).optional(),
});

const waveform = z.discriminatedUnion('shape', [
  z.strictObject({ shape: z.literal('pulse'), v1: quantity, v2: quantity, delay: quantity.optional(), rise: quantity.optional(), fall: quantity.optional(), width: quantity, period: quantity.optional() }),
  z.strictObject({ shape: z.literal('sin'), offset: quantity, amplitude: quantity, freq: quantity, delay: quantity.optional() }),
  z.strictObject({ shape: z.literal('pwl'), points: z.array(z.tuple([quantity, quantity])).min(1) }),
]);

const source = z.strictObject({
  name,
  type: z.enum(['V', 'I']),
  nets: z.strictObject({ p: net, n: net }),
  dc: quantity.optional(),
  ac: quantity.optional(),
  waveform: waveform.optional(),
});

const analysis = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('op') }),
  z.strictObject({ type: z.literal('dc'), source: name, start: quantity, stop: quantity, step: quantity }),
  z.strictObject({ type: z.literal('ac'), pointsPerDecade: z.number().int().min(1).max(10000), fstart: quantity, fstop: quantity }),
  z.strictObject({ type: z.literal('tran'), step: quantity, stop: quantity, start: quantity.optional(), tmax: quantity.optional() }),
]);

export const descriptionSchema = z.strictObject({
  name: z.string().max(200),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  instances: z.array(instance),
  sources: z.array(source).optional(),
  analyses: z.array(analysis).min(1),
  options: z
    .strictObject({
      reltol: z.number().positive().max(0.1).optional(),
      abstol: z.number().positive().optional(),
      vntol: z.number().positive().optional(),
      method: z.enum(['gear', 'trap']).optional(),
      noiseStep: quantity.optional(),
    })
    .optional(),
  save: z.array(net).optional(),
  trainable: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$/, 'trainable entries are "instance.param"')).optional(),
});

/** A description as a user writes it (quantities may be strings). */
export type DescriptionInput = z.input<typeof descriptionSchema>;
