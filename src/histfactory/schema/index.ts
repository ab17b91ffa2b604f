/** pyhf JSON 1.0.0 schemas (zod), the types inferred from them, and their parsers. */
export * from './modifier.ts';
export * from './channel.ts';
export * from './measurement.ts';
export * from './observation.ts';
export * from './workspace.ts';
export * from './patchset.ts';
export { formatPath } from './issues.ts';
