import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate } from '../../lib/format';
import { useStaff } from '../auth';
import { ReportPickers } from './components/ReportPickers';
import { ReportView } from './components/ReportView';
import { isoWeek, parsePeriod, periodString } from './period';
import { REPORTS, reportDef, reportQuery, type ReportParams } from './report-defs';
import { fetchReportCsv, useReport } from './reports-api';

/** `/reports`: the list of reports; `/reports/:key`: one report with its pickers, charts, tables, CSV. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { key } = useParams();
  const def = reportDef(key);
  if (!key || !def) {
    return (
      <section>
        <PageHeading>{t('reports.title')}</PageHeading>
        <p className="muted">{t('reports.intro')}</p>
        <ul className="plain-list">
          {REPORTS.map((r) => (
            <li key={r.key} className="card">
              <h2 className="card__title">
                <Link to={paths.report.href(r.key)}>{t(`reports.defs.${r.key}.title` as 'reports.defs.housing.title')}</Link>
              </h2>
              <p>{t(`reports.defs.${r.key}.intro` as 'reports.defs.housing.intro')}</p>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return <OneReport key={def.key} defKey={def.key} />;
}

function OneReport({ defKey }: { defKey: string }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const def = reportDef(defKey)!;
  const [params, setParams] = useSearchParams();
  const values: ReportParams = {
    period: params.get('period') ?? periodString(parsePeriod(null)),
    week: params.get('week') ?? isoWeek(),
    unit: params.get('unit') ?? '',
    programme: params.get('programme') ?? '',
    subgroup: params.get('subgroup') ?? '',
  };
  const mayDrill = staff.role === 'manager';
  const drill = mayDrill && params.get('drilldown') === '1';
  const query = reportQuery(def, values, { drilldown: drill });
  const report = useReport(def, query);
  const [csvError, setCsvError] = useState<unknown>(null);
  const [csvBusy, setCsvBusy] = useState(false);
  const title = t(`reports.defs.${def.key}.title` as 'reports.defs.housing.title');

  const change = (next: Partial<ReportParams> & { drilldown?: boolean }) => {
    const sp = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (k === 'drilldown') {
        if (v) sp.set('drilldown', '1');
        else sp.delete('drilldown');
      } else if (v) sp.set(k, String(v));
      else sp.delete(k);
    }
    setParams(sp, { replace: true });
  };

  const downloadCsv = async () => {
    if (!query) return;
    setCsvError(null);
    setCsvBusy(true);
    try {
      const text = await fetchReportCsv(def, query);
      // fetch's text() drops the server's byte-order mark; spreadsheet programs need it to read UTF-8.
      const bom = text.startsWith('\uFEFF') ? '' : '\uFEFF';
      const url = URL.createObjectURL(new Blob([bom, text], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${def.key}-${def.pickers.includes('week') ? values.week : values.period}.csv`.replace(/[^\w.-]+/g, '_');
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setCsvError(e);
    } finally {
      setCsvBusy(false);
    }
  };

  const r = report.data;
  return (
    <section>
      <p className="breadcrumb">
        <Link to={paths.reports.href()}>{t('reports.title')}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={title}>{title}</PageHeading>
        <div className="page-header__actions">
          <button type="button" className="button" onClick={() => void downloadCsv()} disabled={!query || csvBusy}>
            {csvBusy ? t('common.loading') : t('reports.csv')}
          </button>
        </div>
      </div>
      <p className="muted">{t(`reports.defs.${def.key}.intro` as 'reports.defs.housing.intro')}</p>
      <ReportPickers def={def} values={values} onChange={change} drilldown={mayDrill ? drill : undefined} />
      {csvError ? <ProblemAlert error={csvError} /> : null}
      {!query ? <p className="alert alert--info">{t('reports.choose')}</p> : null}
      {report.isFetching && !r ? <Loading /> : null}
      {report.error ? <ProblemAlert error={report.error} /> : null}
      {r ? (
        <div aria-busy={report.isFetching || undefined}>
          <p role="status" className="list-summary">
            {t('reports.covers', { from: formatDate(r.period.from), to: formatDate(r.period.to) })}
          </p>
          <ReportView report={r} drilldown={drill} />
        </div>
      ) : null}
    </section>
  );
}
