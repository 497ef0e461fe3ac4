import { describe, expect, it } from 'vitest';
import { grouped, percent, percentDirection } from './format';

describe('percent', () => {
  it('signs a change and keeps two decimals', () => {
    expect(percent('0.0231')).toBe('+0.02%');
    expect(percent('-1.256')).toBe('-1.26%');
  });

  it('shows a change that rounds to nothing as none, never as -0.00%', () => {
    expect(percent('-0.003')).toBe('0.00%');
    expect(percent(null)).toBe('—');
  });

  it('colours a change by what is shown: none for one that rounds to zero', () => {
    expect(percentDirection('-0.003')).toBe('');
    expect(percentDirection('-0.06')).toBe('sell');
    expect(percentDirection('0.07')).toBe('buy');
  });
});

describe('grouped', () => {
  it('puts thousands separators in the integer part and keeps the fraction as sent', () => {
    expect(grouped('63000.50')).toBe('63,000.50');
    expect(grouped('-1234567')).toBe('-1,234,567');
    expect(grouped('0.00010000')).toBe('0.00010000');
  });
});
