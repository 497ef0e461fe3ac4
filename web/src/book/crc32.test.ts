import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

describe('crc32', () => {
  it('matches the server\'s checksum of the contract\'s hand-written book string', () => {
    // marketdata BookChecksumTest: the same text gives 3,640,803,372 in Java's CRC32
    expect(crc32('63000.00:0.0100:63001.00:0.5000:62999.50:1.2500')).toBe(3_640_803_372);
  });

  it('is unsigned and zero for the empty book', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('100.00:3.0000:101.25:0.0002')).toBe(534_785_685);
  });
});
