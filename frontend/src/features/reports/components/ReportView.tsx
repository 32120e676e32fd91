import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { formatDate, formatNumber } from '../../../lib/format';
import { groupSections, humanize, parseFigureName, queueStatus, splitSeries, type Figure, type Section, type SeriesPoint } from '../figures';
import type { AnyReport } from '../reports-api';
import { BarChart } from './BarChart';
import { ColumnChart } from './ColumnChart';
import { QueueChart } from './QueueChart';

const percentFormat = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Translated names when the catalogue has them; a readable form of the server's name otherwise. */
function useNames() {
  const { t, i18n } = useTranslation();
  // A programme's own end statuses (status at period end) are named in the referrals catalogue.
  const lookup = (group: 'sections' | 'figures', name: string) =>
    t(`reports.${group}.${name}` as 'reports.sections.gender', {
      defaultValue: t(`referrals.endStatuses.${name}` as 'referrals.endStatuses.other', { defaultValue: humanize(name.replace(/^programme:.*/, 'programme')) }),
    });
  const monthFormat = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { year: 'numeric', month: 'long' });
  const figure = (f: string, section = '') => {
    const n = parseFigureName(section, f);
    switch (n.kind) {
      case 'as-written':
        return n.text || '–';
      case 'month':
        return monthFormat.format(new Date(n.year, n.month - 1, 1));
      case 'tertial':
        return `${n.tertial}: ${lookup('figures', n.measure)}`;
      default:
        return lookup('figures', n.key);
    }
  };
  const shortMonth = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { month: 'short' });
  /** A column's label in a chart over time: "jan", "T1" (with the year when the series spans several). */
  const short = (p: SeriesPoint, severalYears: boolean) => {
    const year = p.period.slice(0, 4);
    if (p.kind === 'tertial') return severalYears ? `${p.period.slice(5)} ${year}` : p.period.slice(5);
    const m = shortMonth.format(new Date(Number(year), Number(p.period.slice(5, 7)) - 1, 1)).replace('.', '');
    return severalYears ? `${m} ${year.slice(2)}` : m;
  };
  return { section: (s: string) => lookup('sections', s), figure, measure: (m: string) => humanize(lookup('figures', m)), short };
}

export function ReportView({ report, drilldown }: { report: AnyReport; drilldown: boolean }) {
  const { t } = useTranslation();
  const names = useNames();
  const sections = groupSections(report.figures);
  const queue = queueStatus(report.figures);
  return (
    <>
      {queue ? <QueueChart queue={queue} /> : null}
      {report.longest_waiting_since ? (
        <p>
          {t('reports.longestWaitingSince')}: <strong>{formatDate(report.longest_waiting_since)}</strong>
        </p>
      ) : null}
      {sections.length === 0 ? <p>{t('common.nothing')}</p> : null}
      {sections.map((s) => (
        <ReportSection key={s.name} id={`s-${s.name}`} title={names.section(s.name)} section={s} drilldown={drilldown} />
      ))}
      {(report.subgroups ?? []).map((g) => (
        <section key={g.name} className="card" aria-labelledby={`sub-${g.name}`}>
          <h2 id={`sub-${g.name}`} className="card__title">
            {t('reports.subgroup')}: {names.section(g.name)}
          </h2>
          {groupSections(g.figures).map((s) => (
            <ReportSection key={s.name} id={`sub-${g.name}-${s.name}`} title={names.section(s.name)} section={s} drilldown={drilldown} level={3} />
          ))}
        </section>
      ))}
      {report.work && typeof report.work === 'object' ? <WorkFigures work={report.work as Record<string, unknown>} /> : null}
      {report.notes && report.notes.length ? (
        <section className="card" aria-labelledby="report-notes">
          <h2 id="report-notes" className="card__title">
            {t('reports.notes')}
          </h2>
          <ul>
            {report.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function figureValue(f: Figure): string {
  if (f.value != null) return formatNumber(f.value);
  return formatNumber(f.count);
}

function ReportSection({ id, title, section, drilldown, level = 2 }: { id: string; title: string; section: Section; drilldown: boolean; level?: 2 | 3 }) {
  const { t } = useTranslation();
  const names = useNames();
  const H = level === 2 ? 'h2' : 'h3';
  const { rest, series } = splitSeries(section);
  const hasOf = rest.some((f) => f.of != null);
  const hasValue = rest.some((f) => f.value != null);
  return (
    <section className={level === 2 ? 'card' : undefined} aria-labelledby={id}>
      <H id={id} className="card__title">
        {title}
      </H>
      <div className={`report-section${section.chart ? ' report-section--chart' : ''}`}>
        {section.chart ? (
          <BarChart
            title={title}
            bars={rest.filter((f) => f.value == null).map((f) => ({
              label: names.figure(f.figure, f.section),
              value: f.count,
              note: f.percent != null ? `(${percentFormat.format(f.percent)} %)` : undefined,
            }))}
          />
        ) : null}
        {rest.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.figure')}</th>
                <th scope="col" className="num">
                  {hasValue && !hasOf ? t('reports.value') : t('reports.count')}
                </th>
                {hasOf ? (
                  <>
                    <th scope="col" className="num">
                      {t('reports.of')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.percent')}
                    </th>
                  </>
                ) : null}
                {drilldown ? <th scope="col">{t('reports.people')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rest.map((f) => (
                <tr key={f.figure}>
                  <th scope="row">{names.figure(f.figure, f.section)}</th>
                  <td className="num">{figureValue(f)}</td>
                  {hasOf ? (
                    <>
                      <td className="num">{f.of != null ? formatNumber(f.of) : ''}</td>
                      <td className="num">{f.percent != null ? `${percentFormat.format(f.percent)} %` : ''}</td>
                    </>
                  ) : null}
                  {drilldown ? (
                    <td>
                      <People figure={f} label={`${title}: ${names.figure(f.figure, f.section)}`} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        ) : null}
      </div>
      {series.length ? <SeriesBlock id={`${id}-over-time`} title={title} section={section.name} series={series} drilldown={drilldown} level={level} /> : null}
    </section>
  );
}

/**
 * A section's figures over time: a column chart (home visits per month; the cost of temporary
 * housing per tertial) with a table of every measure beside it.
 */
function SeriesBlock({ id, title, section, series, drilldown, level }: { id: string; title: string; section: string; series: SeriesPoint[]; drilldown: boolean; level: 2 | 3 }) {
  const { t } = useTranslation();
  const names = useNames();
  const H = level === 2 ? 'h3' : 'h4';
  const heading = `${title}: ${t('reports.overTime')}`;
  const severalYears = new Set(series.map((p) => p.period.slice(0, 4))).size > 1;
  const measures = [...new Set(series.flatMap((p) => Object.keys(p.measures)))];
  // The charted measure: a month's one figure, or a tertial's cost (else its first measure).
  const charted = measures.includes('count') ? 'count' : measures.includes('cost_sek') ? 'cost_sek' : measures[0];
  const shown = (f: Figure | undefined) => (f ? (f.value != null ? formatNumber(f.value) : formatNumber(f.count)) : '');
  const header = (m: string) =>
    m === 'count'
      ? t(`reports.series.${section}.count` as 'reports.series.home_visits.count', { defaultValue: t('reports.count') })
      : names.measure(m);
  const monthValue = series[0]?.kind === 'month' && series.some((p) => p.measures.count?.value != null);
  const chartTitle = `${heading} (${header(charted).toLowerCase()})`;
  return (
    <>
      <H id={id}>{heading}</H>
      <div className="report-section report-section--chart">
        <ColumnChart
          title={chartTitle}
          columns={series.map((p) => {
            const f = p.measures[charted];
            return { label: names.short(p, severalYears), title: p.kind === 'tertial' ? p.period : names.figure(p.period, section), value: f ? (charted === 'count' ? f.count : (f.value ?? f.count)) : 0 };
          })}
        />
        <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{heading}</caption>
            <thead>
              <tr>
                <th scope="col">{series[0]?.kind === 'tertial' ? t('reports.tertial') : t('reports.month')}</th>
                {measures.map((m) => (
                  <th key={m} scope="col" className="num">
                    {header(m)}
                  </th>
                ))}
                {monthValue ? (
                  <th scope="col" className="num">
                    {t(`reports.series.${section}.value` as 'reports.series.home_visits.value', { defaultValue: t('reports.value') })}
                  </th>
                ) : null}
                {drilldown ? <th scope="col">{t('reports.people')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {series.map((p) => {
                const label = p.kind === 'tertial' ? p.period : names.figure(p.period, section);
                const people = p.measures.count ?? p.measures.stays;
                return (
                  <tr key={p.period}>
                    <th scope="row">{label}</th>
                    {measures.map((m) => (
                      <td key={m} className="num">
                        {m === 'count' ? (p.measures.count ? formatNumber(p.measures.count.count) : '') : shown(p.measures[m])}
                      </td>
                    ))}
                    {monthValue ? <td className="num">{p.measures.count?.value != null ? formatNumber(p.measures.count.value) : ''}</td> : null}
                    {drilldown ? <td>{people ? <People figure={people} label={`${heading}: ${label}`} /> : null}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

/** The people behind one figure (managers' drill-down); a protected identity is counted, never named. */
function People({ figure, label }: { figure: Figure; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const people = figure.participants ?? [];
  if (!people.length) return null;
  const listId = `people-${figure.section}-${figure.figure}`.replace(/[^\w-]/g, '_');
  return (
    <>
      <button type="button" className="button button--small" aria-expanded={open} aria-controls={listId} aria-label={`${t('reports.showPeople', { count: people.length })}: ${label}`} onClick={() => setOpen(!open)}>
        {t('reports.showPeople', { count: people.length })}
      </button>
      {open ? (
        <ul id={listId} className="people">
          {people.map((p, i) => (
            <li key={p.id ?? `protected-${i}`}>{p.id ? <Link to={paths.participant.href(p.id)}>{p.name}</Link> : <span className="muted">{p.name}</span>}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** The programme report's work figures (placements by kind, employments by kind …), a plain JSON object. */
function WorkFigures({ work }: { work: Record<string, unknown> }) {
  const { t } = useTranslation();
  const names = useNames();
  const rows: [string, string][] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix} › ${names.figure(k)}` : names.figure(k), x);
    else rows.push([prefix, typeof v === 'number' ? formatNumber(v) : String(v ?? '')]);
  };
  walk('', work);
  return (
    <section className="card" aria-labelledby="report-work">
      <h2 id="report-work" className="card__title">
        {t('reports.work')}
      </h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('reports.work')}</caption>
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td className="num">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
