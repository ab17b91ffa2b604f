/** Schema parse followed by the semantic checks: the one way untrusted JSON becomes a Workspace. */
import { parseWorkspace, type Workspace } from './schema/workspace.ts';
import { checkWorkspace } from './workspace-checks.ts';
import type { CheckOptions } from './workspace-problem.ts';

/** Parses and checks `json`; throws one QuarryError naming `source`, the JSON path and the fix. */
export function validateWorkspace(json: unknown, source?: string, options: CheckOptions = {}): Workspace {
  return checkWorkspace(parseWorkspace(json, source), source, options);
}
