// A TypeScript module evaluator (loaded through tsx): f(x, y) = x² + y² − 1, excluded inside the unit circle.
interface Point { x: number; y: number }

export function evaluate({ x, y }: Point): { f: number } {
  return { f: x * x + y * y - 1 };
}
