/**
 * RFC 6902 JSON patches and pyhf patchsets applied to a workspace (via fast-json-patch); the result is
 * a new workspace, validated again (schema and semantic checks). Inputs are never mutated.
 */
import jsonpatch from 'fast-json-patch';
import { QuarryError } from '../errors.ts';
import { parseJsonPatch, type Patch, type Patchset } from './schema/patchset.ts';
import type { Workspace } from './schema/workspace.ts';
import { validateWorkspace } from './workspace-validate.ts';
import { quoteList, type CheckOptions } from './workspace-problem.ts';

const REASONS: Record<string, string> = {
  OPERATION_PATH_UNRESOLVABLE: 'the path does not exist in the workspace',
  OPERATION_FROM_UNRESOLVABLE: 'the "from" path does not exist in the workspace',
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'the path has an invalid array index',
  OPERATION_VALUE_OUT_OF_BOUNDS: 'the array index is past the end of the array',
  OPERATION_PATH_INVALID: 'the path is not a JSON pointer (it must start with "/")',
  OPERATION_VALUE_REQUIRED: 'the operation needs a "value"',
  OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED: 'the value contains undefined',
  TEST_OPERATION_FAILED: 'the test failed: the workspace holds a different value there',
};

export interface PatchOptions extends CheckOptions {
  /** Names the patch in messages (e.g. its file); default "patch". */
  source?: string;
}

/**
 * Applies RFC 6902 operations to a workspace and validates the result. A failed operation names its
 * index and path; `source` (e.g. the patch file) prefixes the messages.
 */
export function applyPatch(ws: Workspace, ops: unknown, options: PatchOptions = {}): Workspace {
  const source = options.source ?? 'patch';
  const patch = parseJsonPatch(ops, source);
  let result: unknown;
  try {
    result = jsonpatch.applyPatch(ws, patch as jsonpatch.Operation[], true, false).newDocument;
  } catch (error) {
    if (!(error instanceof jsonpatch.JsonPatchError)) throw error;
    // fast-json-patch reports index 0 for validation failures; the failing operation object itself is exact.
    const found = patch.indexOf(error.operation as (typeof patch)[number]);
    const index = found >= 0 ? found : (error.index ?? 0);
    const op = patch[index];
    const where = op ? `${op.op} ${op.path}${'from' in op ? ` from ${op.from}` : ''}` : 'operation';
    const reason = REASONS[error.name] ?? error.message.split('\n')[0];
    throw new QuarryError('INVALID_INPUT', `${source}: operation [${index}] (${where}) failed: ${reason}`,
      'check the JSON pointer against the workspace (array indices start at 0; write "/" in a name as ~1 and "~" as ~0)', { cause: error });
  }
  return validateWorkspace(result, `workspace after ${source}`, options);
}

/** Which patch of a patchset to apply: by its name, or by its metadata values (one per label). */
export type PatchSelector = { name: string } | { values: readonly (string | number)[] };

/** The patch a selector names; an unknown name or values list the valid ones. */
export function selectPatch(patchset: Patchset, selector: PatchSelector): Patch {
  if ('name' in selector) {
    const patch = patchset.patches.find((p) => p.metadata.name === selector.name);
    if (patch) return patch;
    throw new QuarryError('UNKNOWN_KEY', `patchset has no patch named "${selector.name}"`, `use one of: ${quoteList(patchset.patches.map((p) => p.metadata.name), 20)}`);
  }
  const key = JSON.stringify(selector.values);
  const patch = patchset.patches.find((p) => JSON.stringify(p.metadata.values) === key);
  if (patch) return patch;
  const labels = patchset.metadata.labels.join(', ');
  throw new QuarryError('UNKNOWN_KEY', `patchset has no patch with values ${key} (labels: ${labels})`,
    `use the values of one of its patches, e.g. ${patchset.patches.slice(0, 5).map((p) => JSON.stringify(p.metadata.values)).join(', ')}`);
}

/**
 * Applies one patch of a patchset (chosen by name or values). The patchset's digests are not checked:
 * pyhf hashes Python's json.dumps text, whose float spelling (1.0 vs 1) a parsed document has lost.
 */
export function applyPatchset(ws: Workspace, patchset: Patchset, selector: PatchSelector): Workspace {
  const patch = selectPatch(patchset, selector);
  return applyPatch(ws, patch.patch, { source: `patch "${patch.metadata.name}"` });
}
