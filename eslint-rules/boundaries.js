// Enforces ARCHITECTURE.md's import boundaries between src/ folders: a file in src/A may import from
// src/B only if B is listed as allowed for A. Relative imports are resolved against the importing file.
import { dirname, resolve, relative, sep } from 'node:path';

/** Which src/ folders each src/ folder may import (besides itself). */
export const ALLOWED = {
  numeric: ['errors'],
  surrogate: ['numeric', 'errors'],
  acquisition: ['surrogate', 'numeric', 'errors'],
  'active-learning': ['acquisition', 'surrogate', 'numeric', 'contour', 'errors'],
  contour: ['numeric', 'errors'],
  histfactory: ['numeric', 'errors'],
  inference: ['histfactory', 'numeric', 'errors'],
  nn: ['numeric', 'errors'],
  anomaly: ['nn', 'numeric', 'errors'],
  density: ['nn', 'numeric', 'errors'],
  runs: ['errors'],
  executors: ['errors'],
  plot: ['contour', 'numeric', 'errors'],
  scan: ['numeric', 'surrogate', 'acquisition', 'active-learning', 'contour', 'histfactory', 'inference', 'runs', 'executors', 'plot', 'errors'],
  cli: '*',
  dashboard: '*',
  errors: [],
  index: '*',
};

function topFolder(file, srcRoot) {
  const rel = relative(srcRoot, file);
  if (rel.startsWith('..')) return null;
  const first = rel.split(sep)[0];
  return first.replace(/(\.test)?\.ts$/, '');
}

export default {
  meta: { type: 'problem', schema: [], messages: { forbidden: "src/{{from}} may not import src/{{to}} (ARCHITECTURE.md boundaries: {{from}} may import {{allowed}})" } },
  create(context) {
    const file = context.filename;
    const srcRoot = resolve(context.cwd, 'src');
    const from = topFolder(file, srcRoot);
    if (from === null) return {};
    const allowed = ALLOWED[from];
    function check(node) {
      const source = node.source && node.source.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = topFolder(resolve(dirname(file), source), srcRoot);
      if (to === null || to === from || allowed === '*') return;
      if (to === 'cli' || to === 'dashboard' || !(allowed ?? []).includes(to)) {
        context.report({ node, messageId: 'forbidden', data: { from, to, allowed: (allowed ?? []).join(', ') || 'nothing' } });
      }
    }
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
