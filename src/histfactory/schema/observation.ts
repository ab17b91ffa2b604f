/** Observation schema of pyhf's JSON format 1.0.0: observed counts per bin for one channel. */
import { z } from 'zod';

export const observationSchema = z.strictObject({
  name: z.string().min(1),
  data: z.array(z.number()).min(1),
});

export type Observation = z.infer<typeof observationSchema>;
