/**
 * The command template of a `command` evaluator: `python3 sim.py {x} {y}` with one `{name}` placeholder
 * per parameter. A placeholder is `{` + a name (a letter or _, then letters, digits, _ . -) + `}`;
 * `{{` and `}}` stand for literal braces, and any other brace is kept as written, so shell snippets
 * such as awk '{print $1}' pass through unchanged.
 */

/** A parameter name that can appear as a placeholder. */
export const PLACEHOLDER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const TOKEN = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

/** The placeholder names of a template, in order of first use. */
export function templatePlaceholders(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(TOKEN)) if (m[1] !== undefined) names.add(m[1]);
  return [...names];
}

/**
 * The template with every placeholder replaced by its value (numbers in JavaScript's shortest
 * round-trip form, so the command sees exactly the value the loop proposed). Throws a RangeError for
 * a placeholder without a value (the config checks rule that out for parameter points).
 */
export function fillTemplate(template: string, values: Readonly<Record<string, number | string>>): string {
  return template.replace(TOKEN, (match, name: string | undefined) => {
    if (name === undefined) return match === '{{' ? '{' : '}';
    if (!Object.hasOwn(values, name)) throw new RangeError(`no value for the placeholder {${name}}`);
    return String(values[name]);
  });
}
