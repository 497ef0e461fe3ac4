import { describe, expect, it } from 'vitest';
import { addDecimal, compareDecimal, floorToStep, isZero } from './decimal';

describe('decimal strings', () => {
  it('compare by value, whatever their trailing zeros', () => {
    expect(compareDecimal('63000.5', '63000.50')).toBe(0);
    expect(compareDecimal('9.99', '10')).toBe(-1);
    expect(compareDecimal('0.0001', '0.00009')).toBe(1);
  });

  it('know every spelling of zero', () => {
    expect(isZero('0')).toBe(true);
    expect(isZero('0.0000')).toBe(true);
    expect(isZero('0.0001')).toBe(false);
  });

  it('add exactly where floats would not', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(addDecimal('0.0355', '0.0527')).toBe('0.0882');
  });

  it('floor a size to the lot so the server never has to round it', () => {
    expect(floorToStep(0.123456, '0.0001')).toBe('0.1234');
    expect(floorToStep(1.5, '0.001')).toBe('1.500');
    expect(floorToStep(0, '0.0001')).toBe('0.0000');
  });
});
