/** `quarry export DIR --format csv|json|geojson [--output FILE]`: the points of a scan, or its estimated contours. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { QuarryError, unknownKey } from '../../errors.ts';
import { exportCsv, exportJson } from '../../scan/export.ts';
import { loadRun } from '../../scan/open.ts';
import { contourGeoJSON, runSurrogates } from '../../scan/surrogates.ts';
import { parseInteger } from '../parse.ts';

const FORMATS = ['csv', 'json', 'geojson'];

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the points of the scan in DIR (csv, json: parameters, outputs, status, attempts) or its estimated excluded regions (geojson)')
    .argument('<dir>', 'run directory of a quarry scan')
    .option('--format <format>', FORMATS.join(' | '), 'csv')
    .option('--output <file>', 'write here instead of stdout')
    .option('--grid <n>', 'grid points per axis of the geojson contour', '101')
    .option('--axes <a,b>', 'geojson: the two free parameters of the map (default: the first two)')
    .option('--at <name=value,...>', 'geojson: values of the other free parameters (default: the middle of their range)')
    .action((dir: string, flags: ExportFlags) => exportRun(dir, flags));
}

interface ExportFlags { format: string; output?: string; grid: string; axes?: string; at?: string }

function exportRun(dir: string, flags: ExportFlags): void {
  if (!FORMATS.includes(flags.format)) throw unknownKey('export format', flags.format, FORMATS);
  const loaded = loadRun(resolve(dir));
  let text: string;
  if (flags.format === 'csv') text = exportCsv(loaded);
  else if (flags.format === 'json') text = JSON.stringify(exportJson(loaded), null, 2) + '\n';
  else {
    const size = parseInteger(flags.grid, '--grid', { min: 2, max: 2000 });
    text = JSON.stringify(contourGeoJSON(loaded, runSurrogates(loaded), { size, ...sliceFlags(flags) })) + '\n';
  }
  if (flags.output) writeFileSync(flags.output, text);
  else process.stdout.write(text);
}


/** --axes a,b and --at name=value,… as slice options. */
function sliceFlags(flags: ExportFlags): { axes?: [string, string]; at?: Record<string, number> } {
  const out: { axes?: [string, string]; at?: Record<string, number> } = {};
  if (flags.axes !== undefined) {
    const names = flags.axes.split(',').map((s) => s.trim());
    if (names.length !== 2 || names.some((n) => n === '')) throw new QuarryError('INVALID_ARGUMENT', `--axes "${flags.axes}" is not two parameter names`, 'write --axes NAME1,NAME2');
    out.axes = [names[0], names[1]];
  }
  if (flags.at !== undefined) {
    out.at = {};
    for (const pair of flags.at.split(',')) {
      const [name, value] = pair.split('=').map((s) => s.trim());
      const v = Number(value);
      if (!name || value === undefined || value === '' || !Number.isFinite(v)) throw new QuarryError('INVALID_ARGUMENT', `--at "${pair}" is not NAME=NUMBER`, 'write e.g. --at mass=500,width=0.1');
      out.at[name] = v;
    }
  }
  return out;
}
