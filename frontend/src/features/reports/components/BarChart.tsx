import { formatNumber } from '../../../lib/format';

export interface Bar {
  label: string;
  value: number;
  /** Shown after the value, e.g. "(40,0 %)". */
  note?: string;
}

const ROW = 28;
const LABEL_W = 190;
const CHART_W = 520;
const VALUE_W = 110;

/**
 * A horizontal bar chart as inline SVG (no chart library: a few hundred bytes, prints well). It is
 * one image for assistive technology, labelled with the same figures; the table beside it has them too.
 */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const barW = CHART_W - LABEL_W - VALUE_W;
  const height = bars.length * ROW + 8;
  const summary = `${title}: ${bars.map((b) => `${b.label} ${formatNumber(b.value)}${b.note ? ` ${b.note}` : ''}`).join(', ')}`;
  return (
    <svg className="bar-chart" viewBox={`0 0 ${CHART_W} ${height}`} role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      {bars.map((b, i) => {
        const y = i * ROW + 4;
        const w = Math.round((b.value / max) * barW);
        return (
          <g key={`${b.label}-${i}`}>
            <text x={LABEL_W - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" className="bar-chart__label">
              {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
            </text>
            <rect x={LABEL_W} y={y + 4} width={Math.max(w, b.value > 0 ? 2 : 0)} height={ROW - 8} className="bar-chart__bar" rx={2} />
            <text x={LABEL_W + w + 6} y={y + ROW / 2} dominantBaseline="middle" className="bar-chart__value">
              {formatNumber(b.value)}
              {b.note ? ` ${b.note}` : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
