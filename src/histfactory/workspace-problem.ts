/** One semantic problem of a workspace: its JSON path, what is wrong, and how to fix it. */
export interface WorkspaceProblem {
  /** Errors make the workspace invalid; warnings name something pyhf accepts but ignores. */
  severity: 'error' | 'warning';
  /** JSON path, e.g. `channels[0].samples[2].data`. */
  path: string;
  message: string;
  hint: string;
}

/** Options of the semantic checks. */
export interface CheckOptions {
  /**
   * Accept measurements whose POI no modifier declares yet: a background-only workspace (pyhf's
   * BkgOnly.json) that a signal patch completes. pyhf itself only objects when a model is built.
   */
  backgroundOnly?: boolean;
}

/** `"a", "b", … (40 in all)`: a quoted, capped list of names for messages. */
export function quoteList(names: readonly string[], max = 12): string {
  if (names.length === 0) return '(none)';
  return names.slice(0, max).map((n) => `"${n}"`).join(', ') + (names.length > max ? `, … (${names.length} in all)` : '');
}
