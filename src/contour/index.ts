/** Public API of quarry's contour module: marching squares → GeoJSON, and 2D slices of nD functions. */
export type { Grid2D } from './grid.ts';
export type { Position, Ring } from './ring-geometry.ts';
export { ringArea } from './ring-geometry.ts';
export type { LevelCurve } from './marching-squares.ts';
export { marchingSquares, levelCurves } from './marching-squares.ts';
export type { ContourProperties, Feature, FeatureCollection, MultiLineString, MultiPolygon } from './geojson.ts';
export { contourPolygons, contourToGeoJSON, isoLines, polygons } from './geojson.ts';
export type { Evaluate, SliceDims, SliceOptions } from './slice.ts';
export { slice2d } from './slice.ts';
