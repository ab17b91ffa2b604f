/**
 * The public API of src/histfactory (pinned by index.test.ts): pyhf JSON 1.0.0 schemas and their types,
 * parsing/checking/loading workspaces, the workspace operations, buildModel and its types, the tables
 * of interpolation codes and modifier types, and the counting-experiment constructor.
 */
export {
  workspaceSchema, channelSchema, sampleSchema, observationSchema, measurementSchema, parameterConfigSchema,
  modifierSchema, normfactorSchema, normsysSchema, histosysSchema, shapesysSchema, staterrorSchema, lumiSchema, shapefactorSchema,
  jsonPatchOperationSchema, jsonPatchSchema, patchSchema, patchsetSchema,
  parseWorkspace, parseJsonPatch, parsePatchset,
  type Workspace, type Channel, type Sample, type Observation, type Measurement, type MeasurementConfig, type ParameterConfig,
  type Modifier, type NormfactorModifier, type NormsysModifier, type HistosysModifier, type ShapesysModifier,
  type StaterrorModifier, type LumiModifier, type ShapefactorModifier,
  type JsonPatchOperation, type JsonPatch, type Patch, type Patchset,
} from './schema/index.ts';
export {
  validateWorkspace, checkWorkspace, workspaceProblems, loadWorkspace, loadPatchset, loadJsonPatch, parseJsonText, readJson,
  measurement, parameterSets, applyPatch, applyPatchset, selectPatch, prune, rename, combine, JOINS,
  type CheckOptions, type WorkspaceProblem, type ParameterSet as WorkspaceParameterSet, type ModifierUse,
  type PatchOptions, type PatchSelector, type PruneOptions, type RenameOptions, type Join,
} from './workspace.ts';
export { buildModel, type Model, type ModelOptions, type ModelData, type ParameterSet } from './model.ts';
export type { WorkspaceSpec, ChannelSpec, SampleSpec, ModifierSpec, ObservationSpec, MeasurementSpec, ParameterConfigSpec } from './spec.ts';
export {
  INTERPOLATION_CODES, NORMSYS_CODES, HISTOSYS_CODES, interpolationCode,
  type InterpolationCode, type NormsysCode, type HistosysCode,
} from './interpolation/index.ts';
export { MODIFIERS, MODIFIER_TYPES, modifierKind, type ModifierKind, type ModifierType, type Constraint } from './modifiers/index.ts';
export { countingWorkspace, type CountingSpec, type CountingInputs, type BackgroundUncertainty } from './counting.ts';
