/**
 * pyhf workspaces: loading (file or stdin, JSON syntax errors with line and column, schema, semantic
 * checks), choosing a measurement, and the operations that return new workspaces (patch, patchset,
 * prune, rename, combine). Every function is pure on its Workspace arguments.
 */
import { QuarryError } from '../errors.ts';
import type { Measurement } from './schema/measurement.ts';
import { parseJsonPatch, parsePatchset, type JsonPatch, type Patchset } from './schema/patchset.ts';
import type { Workspace } from './schema/workspace.ts';
import { readJson } from './workspace-json.ts';
import { quoteList, type CheckOptions } from './workspace-problem.ts';
import { parameterSets } from './workspace-parameters.ts';
import { poiProblem } from './workspace-checks-measurement.ts';
import { validateWorkspace } from './workspace-validate.ts';

export { validateWorkspace } from './workspace-validate.ts';
export { checkWorkspace, workspaceProblems } from './workspace-checks.ts';
export type { CheckOptions, WorkspaceProblem } from './workspace-problem.ts';
export { parameterSets, type ParameterSet, type ModifierUse } from './workspace-parameters.ts';
export { applyPatch, applyPatchset, selectPatch, type PatchOptions, type PatchSelector } from './workspace-patch.ts';
export { prune, rename, type PruneOptions, type RenameOptions } from './workspace-edit.ts';
export { combine, JOINS, type Join } from './workspace-combine.ts';
export { parseJsonText, readJson } from './workspace-json.ts';

const sourceName = (path: string): string => (path === '-' ? '<stdin>' : path);

/** Reads a workspace from a file (or stdin for `-`), parses and checks it. */
export async function loadWorkspace(path: string, options: CheckOptions = {}): Promise<Workspace> {
  return validateWorkspace(await readJson(path), sourceName(path), options);
}

/** Reads a pyhf patchset file (or stdin for `-`). */
export async function loadPatchset(path: string): Promise<Patchset> {
  return parsePatchset(await readJson(path), sourceName(path));
}

/** Reads an RFC 6902 patch file (a list of operations) (or stdin for `-`). */
export async function loadJsonPatch(path: string): Promise<JsonPatch> {
  return parseJsonPatch(await readJson(path), sourceName(path));
}

/**
 * The measurement named `name`, or by default the only one / the first; an unknown name lists the valid
 * ones. Its POI must be declared (a background-only workspace needs its signal patch first).
 */
export function measurement(ws: Workspace, name?: string): Measurement {
  const index = name === undefined ? 0 : ws.measurements.findIndex((m) => m.name === name);
  const found = ws.measurements[index];
  if (found) {
    const problem = poiProblem(found, index, parameterSets(ws));
    if (problem) throw new QuarryError('INVALID_INPUT', `invalid workspace: ${problem.path}: ${problem.message}`, problem.hint);
    return found;
  }
  throw new QuarryError('UNKNOWN_KEY', `the workspace has no measurement "${name}"`, `use one of: ${quoteList(ws.measurements.map((m) => m.name), 30)}`);
}
