import { formatNumber } from '../../../lib/format';

export interface Column {
  /** Under the column (short: "jan", "T1"). */
  label: string;
  /** In the image's text alternative (full: "januari 2026", "2026-T1"); the label when absent. */
  title?: string;
  value: number;
}

const H = 180;
const TOP = 20;
const BOTTOM = 36;
const COL_W = 44;
const MIN_W = 320;

/**
 * Vertical columns over time as inline SVG (months, tertials), like BarChart: one image for
 * assistive technology, labelled with the same figures; the table beside it has them too.
 */
export function ColumnChart({ title, columns }: { title: string; columns: Column[] }) {
  const max = Math.max(1, ...columns.map((c) => c.value));
  const width = Math.max(MIN_W, columns.length * COL_W + 16);
  const plot = H - TOP - BOTTOM;
  const summary = `${title}: ${columns.map((c) => `${c.title ?? c.label} ${formatNumber(c.value)}`).join(', ')}`;
  return (
    <svg className="bar-chart column-chart" width={width} height={H} viewBox={`0 0 ${width} ${H}`} role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      <line x1={8} x2={width - 8} y1={TOP + plot} y2={TOP + plot} className="column-chart__axis" />
      {columns.map((c, i) => {
        const h = Math.round((c.value / max) * plot);
        const x = 8 + i * COL_W + 6;
        const w = COL_W - 12;
        return (
          <g key={`${c.label}-${i}`}>
            <rect x={x} y={TOP + plot - h} width={w} height={Math.max(h, c.value > 0 ? 2 : 0)} className="bar-chart__bar" rx={2} />
            <text x={x + w / 2} y={TOP + plot - h - 4} textAnchor="middle" className="bar-chart__value">
              {formatNumber(c.value)}
            </text>
            <text x={x + w / 2} y={TOP + plot + 14} textAnchor="middle" className="bar-chart__label">
              {c.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
