/** The workspace schema of pyhf's JSON format 1.0.0 and its parser (pyhf schemas/1.0.0/workspace.json). */
import { z } from 'zod';
import { channelSchema } from './channel.ts';
import { measurementSchema } from './measurement.ts';
import { observationSchema } from './observation.ts';
import { schemaError } from './issues.ts';

/** A workspace: channels (samples and modifiers), observed data per channel, measurements, version "1.0.0". */
export const workspaceSchema = z.strictObject({
  channels: z.array(channelSchema).min(1),
  observations: z.array(observationSchema).min(1),
  measurements: z.array(measurementSchema).min(1),
  version: z.literal('1.0.0'),
});

export type Workspace = z.infer<typeof workspaceSchema>;

/**
 * Parses `json` (already JSON.parse'd) as a workspace; throws one QuarryError naming the JSON path of the
 * first problem and the fix. `source` (a file name) prefixes the message. Semantic checks are separate
 * (workspace-checks.ts).
 */
export function parseWorkspace(json: unknown, source?: string): Workspace {
  const result = workspaceSchema.safeParse(json);
  if (!result.success) throw schemaError('workspace', workspaceSchema, json, result.error.issues, source);
  return result.data;
}
