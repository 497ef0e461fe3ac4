/**
 * Decimal strings as the API sends them ("63000.50", "0.0100"): compared and summed exactly, never
 * through floats, so a level is found by its price and a cumulative size is the sum the book really holds.
 */
function split(value: string): { negative: boolean; int: string; frac: string } {
  const negative = value.startsWith('-');
  const digits = negative ? value.slice(1) : value;
  const dot = digits.indexOf('.');
  const int = (dot < 0 ? digits : digits.slice(0, dot)).replace(/^0+(?=\d)/, '');
  const frac = dot < 0 ? '' : digits.slice(dot + 1).replace(/0+$/, '');
  return { negative, int: int === '' ? '0' : int, frac };
}

/** -1, 0 or 1 as `a` is below, equal to or above `b` (non-negative decimals). */
export function compareDecimal(a: string, b: string): number {
  const x = split(a);
  const y = split(b);
  if (x.int.length !== y.int.length) {
    return x.int.length < y.int.length ? -1 : 1;
  }
  if (x.int !== y.int) {
    return x.int < y.int ? -1 : 1;
  }
  const width = Math.max(x.frac.length, y.frac.length);
  const fx = x.frac.padEnd(width, '0');
  const fy = y.frac.padEnd(width, '0');
  return fx === fy ? 0 : fx < fy ? -1 : 1;
}

export function isZero(value: string): boolean {
  return /^-?0*(\.0*)?$/.test(value);
}

/** Digits after the point in a decimal string ("0.0100" → 4). */
export function scaleOf(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** A decimal string as an integer of units of 10^-scale. */
export function toUnits(value: string, scale: number): bigint {
  const { negative, int, frac } = split(value);
  const units = BigInt(int + frac.padEnd(scale, '0').slice(0, scale));
  return negative ? -units : units;
}

export function fromUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Exact sum of decimal strings, written with the largest scale among them. */
export function addDecimal(a: string, b: string): string {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  return fromUnits(toUnits(a, scale) + toUnits(b, scale), scale);
}

/**
 * `value` rounded down to a multiple of `step` ("0.0001"), written with the step's decimals: what an
 * order may carry without the server refusing it as off the lot or tick.
 */
export function floorToStep(value: number, step: string): string {
  const scale = scaleOf(step);
  const stepUnits = toUnits(step, scale);
  if (!(value > 0) || stepUnits <= 0n) {
    return fromUnits(0n, scale);
  }
  // toFixed keeps the digits we need without exponent notation; one extra digit then floors exactly
  const units = toUnits(value.toFixed(scale + 1), scale);
  return fromUnits(units - (units % stepUnits), scale);
}
