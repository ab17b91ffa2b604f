/**
 * RFC 6902 JSON Patch operations and pyhf's patchset schema 1.0.0 (pyhf schemas/1.0.0/jsonpatch.json,
 * patchset.json): signal points published as patches against a background-only workspace.
 */
import { z } from 'zod';
import { QuarryError } from '../../errors.ts';
import { formatPath, schemaError } from './issues.ts';

const pointer = z.string();
/** One RFC 6902 operation, discriminated on `op`. */
export const jsonPatchOperationSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), path: pointer, value: z.json() }),
  z.strictObject({ op: z.literal('remove'), path: pointer }),
  z.strictObject({ op: z.literal('replace'), path: pointer, value: z.json() }),
  z.strictObject({ op: z.literal('move'), from: pointer, path: pointer }),
  z.strictObject({ op: z.literal('copy'), from: pointer, path: pointer }),
  z.strictObject({ op: z.literal('test'), path: pointer, value: z.json() }),
]);
export const jsonPatchSchema = z.array(jsonPatchOperationSchema);

/** A patch: its name and its values (one per patchset label, e.g. the masses of a signal point). */
export const patchSchema = z.strictObject({
  metadata: z.strictObject({ name: z.string().min(1), values: z.array(z.union([z.number(), z.string()])).min(1) }),
  patch: jsonPatchSchema,
});

export const patchsetSchema = z.strictObject({
  metadata: z.strictObject({
    // published HEPData patchsets name their analysis (e.g. "SUSY-2018-31")
    analysis_id: z.string().optional(),
    description: z.string(),
    digests: z.strictObject({ md5: z.string().optional(), sha256: z.string().optional() }),
    labels: z.array(z.string().min(1)).min(1),
    references: z.strictObject({ hepdata: z.string().optional() }),
  }),
  patches: z.array(patchSchema).min(1),
  version: z.literal('1.0.0'),
});

export type JsonPatchOperation = z.infer<typeof jsonPatchOperationSchema>;
export type JsonPatch = z.infer<typeof jsonPatchSchema>;
export type Patch = z.infer<typeof patchSchema>;
export type Patchset = z.infer<typeof patchsetSchema>;

/** Parses a list of RFC 6902 operations; one QuarryError naming the path (`[2].op`) of the first problem. */
export function parseJsonPatch(json: unknown, source?: string): JsonPatch {
  const result = jsonPatchSchema.safeParse(json);
  if (!result.success) throw schemaError('JSON patch', jsonPatchSchema, json, result.error.issues, source);
  return result.data;
}

/**
 * Parses a patchset; beyond the schema, each patch has one value per label, and patch names and value
 * tuples are unique (pyhf's PatchSet rules).
 */
export function parsePatchset(json: unknown, source?: string): Patchset {
  const result = patchsetSchema.safeParse(json);
  if (!result.success) throw schemaError('patchset', patchsetSchema, json, result.error.issues, source);
  const patchset = result.data;
  const prefix = source ? `${source}: ` : '';
  const labels = patchset.metadata.labels;
  const names = new Map<string, number>();
  const values = new Map<string, number>();
  patchset.patches.forEach((patch, i) => {
    const where = formatPath(['patches', i, 'metadata']);
    if (patch.metadata.values.length !== labels.length) {
      throw new QuarryError('INVALID_INPUT',
        `${prefix}invalid patchset: ${where}.values: patch "${patch.metadata.name}" has ${patch.metadata.values.length} values, expected ${labels.length} (labels: ${labels.join(', ')})`,
        `give one value per label in metadata.labels`);
    }
    const seenName = names.get(patch.metadata.name);
    if (seenName !== undefined) {
      throw new QuarryError('INVALID_INPUT', `${prefix}invalid patchset: ${where}.name: "${patch.metadata.name}" is also the name of patches[${seenName}]`, 'give every patch a unique name');
    }
    names.set(patch.metadata.name, i);
    const key = JSON.stringify(patch.metadata.values);
    const seenValues = values.get(key);
    if (seenValues !== undefined) {
      throw new QuarryError('INVALID_INPUT', `${prefix}invalid patchset: ${where}.values: ${key} are also the values of patches[${seenValues}]`, 'give every patch a unique set of values');
    }
    values.set(key, i);
  });
  return patchset;
}
