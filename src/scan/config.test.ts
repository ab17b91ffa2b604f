import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { createLoopState } from '../active-learning/state.ts';
import { QuarryError } from '../errors.ts';
import { BAD_CONFIGS } from '../../test/fixtures/configs/expected-errors.ts';
import { configHash, fillTemplate, loadScanConfig, parseScanConfig, templatePlaceholders, toLoopConfig, type ScanConfig } from './config.ts';
import { didYouMean } from './config-issues.ts';

const CONFIGS = fileURLToPath(new URL('../../test/fixtures/configs/', import.meta.url));
const GOOD = join(CONFIGS, 'good');
const BAD = join(CONFIGS, 'bad');

/** The config (item 5) as quarry normalises it, for either evaluator. */
function toyConfig(evaluator: ScanConfig['evaluator']): ScanConfig {
  return {
    name: 'toy',
    parameters: [{ name: 'x', lower: 0, upper: 1.5, scale: 'linear' }, { name: 'y', lower: 0, upper: 1.5, scale: 'linear' }],
    outputs: [{ name: 'f', thresholds: [0], transform: 'none' }],
    evaluator,
    executor: { type: 'local', workers: 2 },
    design: { type: 'sobol', count: 5 },
    acquisition: 'sur',
    batch: { mode: 'fixed', size: 4 },
    stop: { budget: 40 },
    seed: 1,
    poll: 1,
    configDir: GOOD,
  };
}

/** Parses YAML text as if it were a config file in `dir`. */
function fromYaml(text: string, dir = GOOD): ScanConfig {
  return parseScanConfig(YAML.parse(text), 'inline.yaml', dir);
}

function thrown(f: () => unknown): QuarryError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof QuarryError, `expected a QuarryError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}

const BASE = `name: t
parameters: [{name: x, lower: 0, upper: 1}]
outputs: [{name: f, thresholds: [0]}]
evaluator: {type: command, run: "sim {x}"}
design: {type: sobol, count: 4}
stop: {budget: 10}
`;

describe('the scan config', () => {
  it('reads the issue\'s config as written, with the module evaluator', () => {
    const config = loadScanConfig(join(GOOD, 'toy.yaml'));
    assert.deepEqual(config, toyConfig({ type: 'module', path: join(GOOD, 'toy.mjs'), export: 'evaluate', retries: 0, retryDelay: 5 }));
  });

  it('reads the issue\'s config with the command evaluator', () => {
    const config = loadScanConfig(join(GOOD, 'toy-command.yaml'));
    assert.deepEqual(config, toyConfig({ type: 'command', run: 'python3 sim.py {x} {y}', result: 'result.json', timeout: 600, retries: 2, retryDelay: 5 }));
  });

  it('reads the same config from JSON', () => {
    assert.deepEqual(loadScanConfig(join(GOOD, 'toy.json')), loadScanConfig(join(GOOD, 'toy.yaml')));
  });

  it('decides between YAML and JSON by content when the file name does not say', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-config-'));
    writeFileSync(join(dir, 'scan.conf'), readFileSync(join(GOOD, 'toy-command.yaml')));
    writeFileSync(join(dir, 'scan.cfg'), JSON.stringify(YAML.parse(readFileSync(join(GOOD, 'toy-command.yaml'), 'utf8'))));
    const expected = loadScanConfig(join(GOOD, 'toy-command.yaml'));
    assert.deepEqual(loadScanConfig(join(dir, 'scan.conf')), { ...expected, configDir: dir });
    assert.deepEqual(loadScanConfig(join(dir, 'scan.cfg')), { ...expected, configDir: dir });
    writeFileSync(join(dir, 'broken.cfg'), '{"name": "t",}');
    assert.match(thrown(() => loadScanConfig(join(dir, 'broken.cfg'))).message, /broken\.cfg:1:14: JSON syntax error/);
  });

  it('fills every default', () => {
    const config = loadScanConfig(join(GOOD, 'minimal.yaml'));
    assert.deepEqual(config.parameters, [{ name: 'm', lower: 1, upper: 1000, scale: 'log' }]);
    assert.deepEqual(config.outputs, [{ name: 'cls', thresholds: [0.05], transform: 'none' }]);
    assert.deepEqual(config.evaluator, { type: 'command', run: './limit.sh {m}', result: 'result.json', retries: 0, retryDelay: 5 });
    assert.deepEqual(config.executor, { type: 'local' });
    assert.deepEqual(config.design, { type: 'lhs', count: 6 });
    assert.equal(config.acquisition, 'sur');
    assert.deepEqual(config.batch, { mode: 'fixed', size: 1 });
    assert.deepEqual(config.stop, { misclassification: 0.01 });
    assert.equal(config.seed, 0);
    assert.equal(config.poll, 1);
    for (const key of ['invalid', 'surrogate', 'candidates'] as const) assert.equal(key in config, false, key);
  });

  it('reads every option and resolves the aliases', () => {
    const config = loadScanConfig(join(GOOD, 'full.yaml'));
    assert.deepEqual(config.invalid, { module: join(GOOD, 'region.mjs'), export: 'invalid' });
    assert.deepEqual(config.parameters[2], { name: 'sqrt_s', lower: 13, upper: 14, scale: 'linear', fixed: 13.6 });
    assert.deepEqual(config.outputs[0].transform, { type: 'log-ratio', reference: 1 });
    assert.equal(config.outputs[0].weight, 2);
    assert.deepEqual(config.evaluator, {
      type: 'command', run: "run-point --mg {m_gluino} --ml {m_lsp} --awk '{print $1}' --literal {{m_gluino}}", result: 'out/limits.json',
      timeout: 3600, retries: 3, retryDelay: 30, env: { OMP_NUM_THREADS: '1', CAMPAIGN: 'mc23' },
    });
    assert.deepEqual(config.executor, { type: 'slurm', partition: 'short', slots: 50, sbatchArgs: ['--mem=4G'] });
    assert.deepEqual(config.design, { type: 'list', count: 2, points: [{ m_gluino: 1000, m_lsp: 100 }, { m_gluino: 2000, m_lsp: 1000, sqrt_s: 13.6 }] });
    assert.deepEqual(config.batch, { mode: 'fill' });
    assert.deepEqual(config.stop, { budget: 500, stableIterations: 3, stableTolerance: 0.001 });
    assert.deepEqual(config.surrogate, { kernel: 'matern32', mean: 'linear', noise: 'fit', warp: 'auto' });
    assert.equal(toLoopConfig(config).warp, 'auto');
    assert.equal(config.poll, 30);
    assert.equal(config.candidates, 4000);
    assert.deepEqual(loadScanConfig(join(GOOD, 'queue.yaml')).executor, { type: 'queue', redis: 'redis://localhost:6379/0', queue: 'quarry' });
  });

  it('takes design.points: N as the count and accepts a count equal to it', () => {
    assert.deepEqual(fromYaml(BASE.replace('count: 4', 'points: 7')).design, { type: 'sobol', count: 7 });
    assert.deepEqual(fromYaml(BASE.replace('count: 4', 'count: 7, points: 7')).design, { type: 'sobol', count: 7 });
    assert.match(thrown(() => fromYaml(BASE.replace('count: 4', 'count: 6, points: 7'))).message, /^inline\.yaml: design\.points: points 7 and count 6 disagree$/);
  });

  it('resolves module paths against the config directory, not the working directory', () => {
    const text = BASE.replace('{type: command, run: "sim {x}"}', '{type: module, path: toy.mjs}');
    assert.equal((fromYaml(text).evaluator as { path: string }).path, join(GOOD, 'toy.mjs'));
    const e = thrown(() => fromYaml(text, BAD));
    assert.equal(e.code, 'FILE_NOT_FOUND');
    assert.ok(e.message.includes(join(BAD, 'toy.mjs')), e.message);
  });

  it('reports an unknown key before the field it hides, and counts the other problems', () => {
    const e = thrown(() => fromYaml(BASE.replace('stop:', 'stpo:')));
    assert.equal(e.code, 'UNKNOWN_KEY');
    assert.equal(e.message, 'inline.yaml: stpo: unknown key "stpo"');
    assert.match(e.hint, /^did you mean "stop"\?/);
    const two = thrown(() => fromYaml(BASE.replace('lower: 0, upper: 1', 'lower: a, upper: b')));
    assert.equal(two.message, 'inline.yaml: parameters[0].lower: expected a number, got string "a" (and 1 more problem)');
  });

  it('keeps a list design\'s fixed parameters consistent', () => {
    const text = BASE.replace('[{name: x, lower: 0, upper: 1}]', '[{name: x, lower: 0, upper: 1}, {name: z, lower: 0, upper: 1, fixed: 0.5}]')
      .replace('{type: sobol, count: 4}', '{type: list, points: [{x: 0.2, z: 0.7}]}');
    const e = thrown(() => fromYaml(text));
    assert.equal(e.message, 'inline.yaml: design.points[0].z: 0.7 differs from the fixed value 0.5');
    assert.match(thrown(() => fromYaml(text.replace('z: 0.7', 'w: 0.7'))).message, /design\.points\[0\]\.w: "w" is not a parameter/);
  });

  it('checks the Redis URL scheme', () => {
    const withRedis = (url: string) => fromYaml(`${BASE}executor: {type: queue, redis: "${url}"}\n`);
    assert.equal((withRedis('rediss://user:pw@cache.example:6380/2').executor as { redis: string }).redis, 'rediss://user:pw@cache.example:6380/2');
    for (const bad of ['http://localhost:6379', 'redis//localhost', 'localhost']) {
      assert.match(thrown(() => withRedis(bad)).message, /executor\.redis: .* is not a Redis URL/, bad);
    }
  });
});

describe('malformed scan configs', () => {
  it('has a table entry for every fixture and a fixture for every table entry', () => {
    const files = readdirSync(BAD).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
    assert.deepEqual(files, Object.keys(BAD_CONFIGS).filter((f) => f !== 'missing.yaml').sort());
    assert.ok(Object.keys(BAD_CONFIGS).length >= 30);
  });

  for (const [file, expected] of Object.entries(BAD_CONFIGS)) {
    it(`${file}: ${expected.code} naming ${expected.fragment}`, () => {
      const path = join(BAD, file);
      const e = thrown(() => loadScanConfig(path));
      assert.equal(e.code, expected.code, e.message);
      assert.ok(e.message.startsWith(path), `the message starts with the file: ${e.message}`);
      assert.ok(e.message.includes(expected.fragment), `"${e.message}" should contain "${expected.fragment}"`);
      assert.ok(!e.message.includes('\n') && !e.hint.includes('\n'), 'one line each');
      assert.ok(e.hint.trim().length > 0, 'a hint');
      if (expected.hint) assert.ok(e.hint.includes(expected.hint), `hint "${e.hint}" should contain "${expected.hint}"`);
      assert.ok(e.isUserError);
    });
  }
});

describe('the loop config and the config hash', () => {
  it('feeds createLoopState', () => {
    for (const file of ['toy.yaml', 'minimal.yaml', 'full.yaml', 'queue.yaml']) {
      const config = loadScanConfig(join(GOOD, file));
      const state = createLoopState(toLoopConfig(config));
      assert.equal(state.config.seed, config.seed, file);
    }
    const full = toLoopConfig(loadScanConfig(join(GOOD, 'full.yaml')));
    assert.deepEqual(full.batch, { size: 1 }, 'fill becomes size 1; the driver fills slots itself');
    assert.equal(full.kernel, 'matern32');
    assert.equal(full.mean, 'linear');
    assert.equal(full.noise, 'fit');
    assert.equal(full.candidates, 4000);
    assert.deepEqual(full.parameters[2], { name: 'sqrt_s', lower: 13, upper: 14, scale: 'linear', fixed: 13.6 });
    assert.deepEqual(toLoopConfig(loadScanConfig(join(GOOD, 'toy.yaml'))).batch, { size: 4 });
  });

  it('hashes what determines the results, to 16 hex digits, independent of key order', () => {
    const toy = loadScanConfig(join(GOOD, 'toy-command.yaml'));
    const hash = configHash(toy);
    assert.match(hash, /^[0-9a-f]{16}$/);
    assert.equal(configHash(loadScanConfig(join(GOOD, 'toy-command.yaml'))), hash, 'stable');
    const reordered = Object.fromEntries(Object.entries(toy).reverse()) as ScanConfig;
    reordered.evaluator = Object.fromEntries(Object.entries(toy.evaluator).reverse()) as ScanConfig['evaluator'];
    assert.equal(configHash(reordered), hash);
    assert.equal(configHash({ ...toy, name: 'other', poll: 30, executor: { type: 'slurm', slots: 10 }, configDir: '/elsewhere' }), hash, 'name, poll, executor and directory do not count');
    assert.equal(configHash({ ...toy, stop: { budget: 80 }, evaluator: { ...toy.evaluator, retries: 5, timeout: 3600, retryDelay: 60 } }), hash, 'what a resume may change does not count');
    const changes: Partial<ScanConfig>[] = [
      { seed: 2 }, { batch: { mode: 'fill' } }, { acquisition: 'entropy' },
      { outputs: [{ ...toy.outputs[0], thresholds: [0.5] }] }, { design: { type: 'lhs', count: 5 } },
      { evaluator: { ...toy.evaluator, run: 'python3 sim2.py {x} {y}' } as ScanConfig['evaluator'] }, { surrogate: { kernel: 'rbf' } },
      { parameters: [toy.parameters[0], { ...toy.parameters[1], upper: 2 }] },
    ];
    for (const change of changes) assert.notEqual(configHash({ ...toy, ...change }), hash, JSON.stringify(change));
  });
});

describe('command templates', () => {
  it('fills {name} placeholders at full precision and keeps other braces', () => {
    assert.deepEqual(templatePlaceholders('sim {x} {y} --again {x}'), ['x', 'y']);
    assert.equal(fillTemplate('sim {x} {y}', { x: 0.1 + 0.2, y: 1e-12 }), 'sim 0.30000000000000004 1e-12');
    assert.equal(fillTemplate("awk '{print $1}' {{x}} }} {m.a-b_c}", { x: 1, 'm.a-b_c': 2 }), "awk '{print $1}' {x} } 2");
    assert.deepEqual(templatePlaceholders('{{x}} ${HOME}'), ['HOME']);
    assert.throws(() => fillTemplate('sim {z}', { x: 1 }), RangeError);
  });

  it('suggests the closest name for a typo, and nothing for a word far from every name', () => {
    assert.equal(didYouMean('paramters', ['name', 'parameters', 'outputs']), 'parameters');
    assert.equal(didYouMean('Seed', ['seed', 'stop']), 'seed');
    assert.equal(didYouMean('colour', ['name', 'parameters', 'outputs']), undefined);
  });
});
