import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { formatDate, formatNumber } from '../../../lib/format';
import { groupSections, humanize, parseFigureName, queueStatus, type Figure, type Section } from '../figures';
import type { AnyReport } from '../reports-api';
import { BarChart } from './BarChart';
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
  return { section: (s: string) => lookup('sections', s), figure };
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
  const hasOf = section.figures.some((f) => f.of != null);
  const hasValue = section.figures.some((f) => f.value != null);
  return (
    <section className={level === 2 ? 'card' : undefined} aria-labelledby={id}>
      <H id={id} className="card__title">
        {title}
      </H>
      <div className={`report-section${section.chart ? ' report-section--chart' : ''}`}>
        {section.chart ? (
          <BarChart
            title={title}
            bars={section.figures.filter((f) => f.value == null).map((f) => ({
              label: names.figure(f.figure, f.section),
              value: f.count,
              note: f.percent != null ? `(${percentFormat.format(f.percent)} %)` : undefined,
            }))}
          />
        ) : null}
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
              {section.figures.map((f) => (
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
      </div>
    </section>
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
