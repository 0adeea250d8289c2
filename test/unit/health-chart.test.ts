import { describe, expect, test } from '@jest/globals';
import { renderChartPng, type TrendPoint } from '../../src/health/chart.js';

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const week = (n: number) => new Date(Date.UTC(2026, 9, 5 + 7 * n));

describe('the digest chart', () => {
  test('eight weeks of pillars and the kudos between two sides, as a real PNG', async () => {
    const trend: TrendPoint[] = Array.from({ length: 8 }, (_, i) => ({
      periodEnd: week(i),
      pillars: { collaboration: 0.5 + i * 0.05, value: i % 3 === 0 ? null : 0.6, trust: 0.7 },
    }));
    const png = await renderChartPng({
      trend,
      kudosFlows: [
        { from: 'Acme', to: 'Globex', count: 12 },
        { from: 'Globex', to: 'Acme', count: 4 },
        { from: 'Acme', to: 'Acme', count: 30 },
      ],
    });
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThan(800);
    expect(height).toBeGreaterThan(400);
    expect(png.length).toBeGreaterThan(10_000);
  });

  test('an empty channel still gets a picture that says "no data"', async () => {
    const png = await renderChartPng({ trend: [], kudosFlows: [] });
    expect(pngSize(png).width).toBeGreaterThan(0);
  });
});
