import { describe, expect, it } from 'vitest';
import { aptSize } from './ubuntu-apt';

describe('aptSize (apt-pkg SizeToStr, C locale)', () => {
  it('keeps one decimal below 100 units and whole numbers below 10000', () => {
    expect(aptSize(91_200)).toBe('91.2 k');
    expect(aptSize(126_000)).toBe('126 k');
    expect(aptSize(1_883_000)).toBe('1883 k');
    expect(aptSize(19_300_000)).toBe('19.3 M');
    expect(aptSize(8_143_000)).toBe('8143 k');
    expect(aptSize(512)).toBe('512 ');
  });
});
