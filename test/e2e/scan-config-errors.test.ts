/**
 * `quarry scan` on every malformed config in test/fixtures/configs/bad: exit code 2, exactly two
 * lines on stderr (the error naming the file and the path inside it, then a hint), no stack trace,
 * and no run directory left behind.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BAD_CONFIGS } from '../fixtures/configs/expected-errors.ts';
import { quarry, type RunResult } from './run-quarry.ts';

const BAD = fileURLToPath(new URL('../fixtures/configs/bad/', import.meta.url));

interface Run { result: RunResult; out: string }

/** Runs `quarry scan FIXTURE --out DIR` (DIR inside a fresh temporary folder, not yet existing). */
async function scan(fixture: string, cwd?: string): Promise<Run> {
  const out = join(mkdtempSync(join(tmpdir(), 'quarry-bad-config-')), 'run');
  return { result: await quarry(['scan', fixture, '--out', out], { cwd }), out };
}

/** Checks the CLI's answer to a malformed config; `source` is the path as given on the command line. */
function checkRejected({ result, out }: Run, source: string, fragment: string): void {
  assert.equal(result.code, 2, `exit code 2, got ${result.code}; stderr: ${result.stderr}`);
  const lines = result.stderr.split('\n');
  assert.equal(lines.pop(), '', 'stderr ends with a newline');
  assert.equal(lines.length, 2, `exactly two lines on stderr, got:\n${result.stderr}`);
  const [error, hint] = lines;
  assert.ok(error.startsWith(`quarry: error: ${source}`), `the error names the file first: ${error}`);
  assert.ok(error.includes(fragment), `"${error}" should contain "${fragment}"`);
  assert.match(hint, /^ {2}hint: \S/, 'a non-empty hint');
  assert.doesNotMatch(result.stderr, /^\s+at |\.ts:\d+:\d+|Error:/m, 'no stack trace');
  assert.equal(existsSync(out), false, 'the run directory was not created');
}

describe('quarry scan on malformed configs', () => {
  const runs = new Map<string, Run>();
  const files = Object.keys(BAD_CONFIGS);

  before(async () => {
    // two at a time: each run starts node and tsx
    const queue = [...files];
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) runs.set(file, await scan(join(BAD, file)));
    };
    await Promise.all([worker(), worker()]);
  });

  it('covers every fixture in the bad folder', () => {
    const fixtures = readdirSync(BAD).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
    assert.deepEqual(fixtures, files.filter((f) => f !== 'missing.yaml').sort());
  });

  for (const [file, expected] of Object.entries(BAD_CONFIGS)) {
    it(`${file}: exit code 2, one error line naming ${expected.fragment}, one hint`, () => {
      checkRejected(runs.get(file)!, join(BAD, file), expected.fragment);
    });
  }

  it('names the config as it was given on the command line', async () => {
    checkRejected(await scan('reversed-bounds.yaml', BAD), 'reversed-bounds.yaml', 'reversed-bounds.yaml: parameters[1]: lower 1.5 is not below upper 0');
  });
});
