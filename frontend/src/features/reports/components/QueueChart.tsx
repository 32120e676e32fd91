import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format';
import type { QueueStatus } from '../figures';
import { BarChart } from './BarChart';

const W = 520;
const BAR_H = 36;
const percentFormat = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function share(part: number, of: number): string {
  return of > 0 ? `${percentFormat.format(Math.round((1000 * part) / of) / 10)} %` : '';
}

/**
 * The housing report's queue by status at the period's end (one stacked bar: ready and not
 * ready) and the ways out of it during the period (bars), each with a table of the same figures.
 * The report has no figures over time (every figure is for the whole period), so the chart shows
 * the queue's make-up rather than its length month by month.
 */
export function QueueChart({ queue }: { queue: QueueStatus }) {
  const { t } = useTranslation();
  const title = t('reports.queueChart.title');
  const statuses = [
    { key: 'ready', label: t('reports.figures.ready'), count: queue.ready, className: 'queue-chart__ready' },
    { key: 'not_ready', label: t('reports.figures.not_ready'), count: queue.notReady, className: 'queue-chart__not-ready' },
  ];
  const total = Math.max(queue.waiting, queue.ready + queue.notReady);
  const summary = `${title}: ${t('reports.figures.waiting')} ${formatNumber(queue.waiting)}, ${statuses
    .map((s) => `${s.label} ${formatNumber(s.count)}${total ? ` (${share(s.count, total)})` : ''}`)
    .join(', ')}`;
  let x = 0;
  const flowTitle = t('reports.queueChart.flows');
  const flows = queue.flows.map((f) => ({ label: t(`reports.queueChart.flow.${f.key}`), value: f.count }));
  return (
    <section className="card" aria-labelledby="queue-chart">
      <h2 id="queue-chart" className="card__title">
        {title}
      </h2>
      <div className="report-section report-section--chart">
        <svg className="bar-chart queue-chart" viewBox={`0 0 ${W} ${BAR_H + 40}`} role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
          {total === 0 ? (
            <rect x={0} y={4} width={W} height={BAR_H} className="queue-chart__empty" rx={3} />
          ) : (
            statuses.map((s) => {
              const w = (s.count / total) * W;
              const rect = <rect key={s.key} x={x} y={4} width={w} height={BAR_H} className={s.className} />;
              x += w;
              return rect;
            })
          )}
          {statuses.map((s, i) => (
            <g key={`legend-${s.key}`} transform={`translate(${i * 220}, ${BAR_H + 16})`}>
              <rect width={14} height={14} className={s.className} />
              <text x={20} y={7} dominantBaseline="middle" className="bar-chart__label">
                {s.label} {formatNumber(s.count)}
                {total ? ` (${share(s.count, total)})` : ''}
              </text>
            </g>
          ))}
        </svg>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.queueChart.status')}</th>
                <th scope="col" className="num">
                  {t('reports.count')}
                </th>
                <th scope="col" className="num">
                  {t('reports.percent')}
                </th>
              </tr>
            </thead>
            <tbody>
              {statuses.map((s) => (
                <tr key={s.key}>
                  <th scope="row">{s.label}</th>
                  <td className="num">{formatNumber(s.count)}</td>
                  <td className="num">{share(s.count, total)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('reports.figures.waiting')}</th>
                <td className="num">{formatNumber(queue.waiting)}</td>
                <td className="num" />
              </tr>
            </tbody>
          </table>
        </div>
      </div>
      <h3>{flowTitle}</h3>
      <div className="report-section report-section--chart">
        <BarChart title={flowTitle} bars={flows} />
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{flowTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.figure')}</th>
                <th scope="col" className="num">
                  {t('reports.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {flows.map((f) => (
                <tr key={f.label}>
                  <th scope="row">{f.label}</th>
                  <td className="num">{formatNumber(f.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
