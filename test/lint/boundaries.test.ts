import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return result.messages.filter((m) => m.ruleId === 'quarry/boundaries').map((m) => m.message);
}

describe('the import-boundary lint rule', () => {
  it('forbids numeric from importing the surrogate', async () => {
    const errors = await boundaryErrors('src/numeric/lint-probe.ts', "import { GaussianProcess } from '../surrogate/index.ts';\nexport const g = GaussianProcess;\n");
    assert.equal(errors.length, 1);
    assert.match(errors[0], /src\/numeric may not import src\/surrogate/);
  });

  it('forbids any domain from importing the CLI', async () => {
    const errors = await boundaryErrors('src/surrogate/lint-probe.ts', "export { main } from '../cli/main.ts';\n");
    assert.equal(errors.length, 1);
  });

  it('lets the surrogate import numeric and the CLI import anything', async () => {
    assert.deepEqual(await boundaryErrors('src/surrogate/lint-probe.ts', "import { cholesky } from '../numeric/linalg/cholesky.ts';\nexport const c = cholesky;\n"), []);
    assert.deepEqual(await boundaryErrors('src/cli/lint-probe.ts', "import { fitGaussianProcess } from '../surrogate/fit.ts';\nexport const f = fitGaussianProcess;\n"), []);
  });
});
