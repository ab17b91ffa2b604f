/** Channel and sample schemas of pyhf's JSON format 1.0.0 (pyhf schemas/1.0.0/defs.json). */
import { z } from 'zod';
import { modifierSchema } from './modifier.ts';

/** A sample: nominal yields per bin (events, length = the channel's bin count) and its modifiers. */
export const sampleSchema = z.strictObject({
  name: z.string().min(1),
  data: z.array(z.number()).min(1),
  modifiers: z.array(modifierSchema),
});

/** A channel (region): its samples share one binning. */
export const channelSchema = z.strictObject({
  name: z.string().min(1),
  samples: z.array(sampleSchema).min(1),
});

export type Sample = z.infer<typeof sampleSchema>;
export type Channel = z.infer<typeof channelSchema>;
