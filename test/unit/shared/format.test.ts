import { describe, expect, it } from 'vitest';
import { decimalsNeeded, formatMoney, formatNumber, formatPercent, formatPrice, formatQuantity } from '../../../shared/format';

describe('formatPrice', () => {
  it.each([
    [190, '190.00'],
    [187.5, '187.50'],
    [187.505, '187.505'],
    [0.1234, '0.1234'],
    [0.12345, '0.1235'],
    [187.49999999999997, '187.50'],
    [0, '0.00'],
    [-1, '-1.00'],
    [-0.000001, '0.00'],
    [Number.NaN, 'NaN'],
  ])('%d -> %s', (value, text) => {
    expect(formatPrice(value)).toBe(text);
  });

  it('honours a larger minimum of decimals', () => {
    expect(formatPrice(1.5, 4)).toBe('1.5000');
    expect(formatPrice(1.5, 0)).toBe('1.5');
    expect(formatPrice(2, 0)).toBe('2');
  });
});

describe('formatMoney', () => {
  it.each([
    [190000, '$190,000.00'],
    [100000, '$100,000.00'],
    [1234567.891, '$1,234,567.89'],
    [0, '$0.00'],
    [999.995, '$1,000.00'],
    [-5.5, '-$5.50'],
    [-0.001, '$0.00'],
  ])('%d -> %s', (value, text) => {
    expect(formatMoney(value)).toBe(text);
  });
});

describe('other formats', () => {
  it('formats plain numbers, quantities, percentages and counts decimals', () => {
    expect(formatNumber(5)).toBe('5');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(0.01)).toBe('0.01');
    expect(formatNumber(0.005)).toBe('0.005');
    expect(formatQuantity(12500)).toBe('12,500');
    expect(formatQuantity(-1000)).toBe('-1,000');
    expect(formatQuantity(0.5)).toBe('0.5');
    expect(formatPercent(33.3333)).toBe('33.3%');
    expect(formatPercent(20)).toBe('20.0%');
    expect(decimalsNeeded(0.01)).toBe(2);
    expect(decimalsNeeded(187.505)).toBe(3);
    expect(decimalsNeeded(100)).toBe(0);
    expect(decimalsNeeded(0.1 + 0.2)).toBe(1);
  });
});
