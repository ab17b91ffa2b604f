/** `quarry export DIR --format csv|json|geojson [--output FILE]`: the points of a scan, or its estimated contours. */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { unknownKey } from '../../errors.ts';
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
    .action((dir: string, flags: { format: string; output?: string; grid: string }) => exportRun(dir, flags));
}

function exportRun(dir: string, flags: { format: string; output?: string; grid: string }): void {
  if (!FORMATS.includes(flags.format)) throw unknownKey('export format', flags.format, FORMATS);
  const loaded = loadRun(resolve(dir));
  let text: string;
  if (flags.format === 'csv') text = exportCsv(loaded);
  else if (flags.format === 'json') text = JSON.stringify(exportJson(loaded), null, 2) + '\n';
  else text = JSON.stringify(contourGeoJSON(loaded, runSurrogates(loaded), parseInteger(flags.grid, '--grid', { min: 2, max: 2000 }))) + '\n';
  if (flags.output) writeFileSync(flags.output, text);
  else process.stdout.write(text);
}

