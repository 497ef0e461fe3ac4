import { describe, expect, it } from 'vitest';
import { grouped, percent } from './format';

describe('percent', () => {
  it('signs a change and keeps two decimals', () => {
    expect(percent('0.0231')).toBe('+0.02%');
    expect(percent('-1.256')).toBe('-1.26%');
  });

  it('shows a change that rounds to nothing as none, never as -0.00%', () => {
    expect(percent('-0.003')).toBe('0.00%');
    expect(percent(null)).toBe('—');
  });
});

describe('grouped', () => {
  it('puts thousands separators in the integer part and keeps the fraction as sent', () => {
    expect(grouped('63000.50')).toBe('63,000.50');
    expect(grouped('-1234567')).toBe('-1,234,567');
    expect(grouped('0.00010000')).toBe('0.00010000');
  });
});
