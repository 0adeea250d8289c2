/**
 * Reads Prometheus's text exposition format (what GET /metrics serves) into samples, strictly
 * enough for tests: every line is a comment (# HELP, # TYPE), blank, or `name{labels} value`; any
 * other line fails the read.
 * Format: https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */
export type Sample = { name: string; labels: Record<string, string>; value: number };

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;

export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const [, name = '', labelText = '', value = ''] = match;
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    let read = 0;
    for (let m = LABEL.exec(labelText); m; m = LABEL.exec(labelText)) {
      labels[m[1] ?? ''] = (m[2] ?? '').replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
      read = LABEL.lastIndex;
    }
    if (read !== labelText.length) throw new Error(`labels not read in: ${line}`);
    // Go's ParseFloat, which Prometheus uses, takes NaN in any case (prom-client writes "Nan").
    const nan = value.toLowerCase() === 'nan';
    const number = value === '+Inf' ? Infinity : value === '-Inf' ? -Infinity : nan ? NaN : Number(value);
    if (Number.isNaN(number) && !nan) throw new Error(`not a value in: ${line}`);
    samples.push({ name, labels, value: number });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function sampleSum(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}
