// The middle value (the mean of the two middle ones for an even count), or null for none. A Float64Array sorts
// numbers without a comparator call per pair: the console takes the median of tens of thousands of gaps.
export function median(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
