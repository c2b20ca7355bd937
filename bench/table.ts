// Plain-text tables (Markdown pipe tables, aligned, so the same text reads well in a terminal and in README.md).

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => i > 0 && rows.every((r) => /^[\d.,x× —–()!<-]*$/.test(r[i] ?? '')));
  const cell = (text: string, i: number): string => {
    const w = widths[i] ?? text.length;
    return numeric[i] === true ? text.padStart(w) : text.padEnd(w);
  };
  const line = (cells: readonly string[]): string => `| ${header.map((_, i) => cell(cells[i] ?? '', i)).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] === true ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n') + '\n';
}

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return ms >= 100 ? Math.round(ms).toLocaleString('en-US') : ms.toFixed(1);
}

/** CPU time from GNU time, which counts in 10 ms steps */
export function fmtCpu(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 10 ? '<10' : Math.round(ms).toLocaleString('en-US');
}

export function fmtMb(mb: number | undefined): string {
  return mb === undefined || !Number.isFinite(mb) ? '—' : mb.toFixed(1);
}

export function fmtRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '—';
  return perSecond >= 100 ? Math.round(perSecond).toLocaleString('en-US') : perSecond.toFixed(1);
}

/** a / b, e.g. "3.2×"; above 1 means the first is slower or larger */
export function fmtRatio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  const r = a / b;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}
