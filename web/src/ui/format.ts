/** Display helpers: decimals keep the API's own digits; only changes, percents and volumes are rounded. */
export function time(iso: string): string {
  return iso.slice(11, 19);
}

export function dateTime(iso: string): string {
  return `${iso.slice(5, 10)} ${iso.slice(11, 19)}`;
}

export function percent(pct: string | null): string {
  if (pct === null) {
    return '—';
  }
  const fixed = Number(pct).toFixed(2);
  // a change that rounds to nothing is shown as none, not as "-0.00%"
  if (Number(fixed) === 0) {
    return '0.00%';
  }
  return `${Number(fixed) > 0 ? '+' : ''}${fixed}%`;
}

export function direction(value: string | null): 'buy' | 'sell' | '' {
  if (value === null || Number(value) === 0) {
    return '';
  }
  return Number(value) > 0 ? 'buy' : 'sell';
}

/** The colour of a percent change as `percent` shows it: none for one that rounds to 0.00 %. */
export function percentDirection(pct: string | null): 'buy' | 'sell' | '' {
  return pct === null ? '' : direction(Number(pct).toFixed(2));
}

/** Thousands separators on the integer part, the fraction as sent. */
export function grouped(value: string | null): string {
  if (value === null) {
    return '—';
  }
  const [int, frac] = value.split('.');
  const negative = int.startsWith('-');
  const digits = (negative ? int.slice(1) : int).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${digits}${frac !== undefined ? `.${frac}` : ''}`;
}

export function compact(value: string | null): string {
  if (value === null) {
    return '—';
  }
  const n = Number(value);
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}K`;
  return n.toFixed(n >= 100 ? 2 : 4);
}

export function titleCase(value: string): string {
  return value.replace(/_/g, ' ').replace(/^\w/, c => c.toUpperCase());
}
