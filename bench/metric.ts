/** One figure of `npm run bench`; see DESIGN.md ("Benchmarks"). */
export interface Metric {
  value: number;
  unit: string;
  /** Measured in the same run on the same input, or null where no baseline exists. */
  baseline: number | null;
  note: string;
}
export type Metrics = Record<string, Metric>;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
