import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../../lib/format';
import type { ImportJob } from '../import-api';

const BADGE: Record<ImportJob['status'], string> = {
  running: 'info',
  succeeded: 'success',
  validated: 'success',
  failed: 'danger',
};

/** The account's earlier imports and checks, newest first. */
export function ImportJobsTable({ jobs, onOpen }: { jobs: readonly ImportJob[]; onOpen?: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" role="region" aria-label={t('imports.earlier')} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{t('imports.earlier')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.jobs.started')}</th>
            <th scope="col">{t('imports.resource')}</th>
            <th scope="col">{t('imports.jobs.kind')}</th>
            <th scope="col">{t('imports.jobs.status')}</th>
            <th scope="col">{t('imports.jobs.rows')}</th>
            <th scope="col">{t('imports.counts.created')}</th>
            <th scope="col">{t('imports.counts.updated')}</th>
            <th scope="col">{t('imports.counts.unchanged')}</th>
            <th scope="col">{t('imports.jobs.errors')}</th>
            {onOpen ? <th scope="col">{t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id}>
              <td className="nowrap">{formatDateTime(j.started_at)}</td>
              <td>
                {t(`imports.resources.${j.resource}` as 'imports.resources.participants')} <span className="muted">({j.format.toUpperCase()})</span>
              </td>
              <td>
                {j.dry_run ? t('imports.jobs.dryRun') : t('imports.jobs.real')}, {t(`imports.modes.${j.mode}` as 'imports.modes.insert')}
              </td>
              <td>
                <span className={`badge badge--${BADGE[j.status]}`}>{t(`imports.statuses.${j.status}` as 'imports.statuses.running')}</span>
              </td>
              <td>{formatNumber(j.rows_processed)}</td>
              <td>{formatNumber(j.created)}</td>
              <td>{formatNumber(j.updated)}</td>
              <td>{formatNumber(j.unchanged)}</td>
              <td>{formatNumber(j.error_count)}</td>
              {onOpen ? (
                <td>
                  <button id={`import-job-open-${j.id}`} type="button" className="button button--small" onClick={() => onOpen(j.id)}>
                    {t('imports.detail.open')}
                    <span className="visually-hidden">
                      {' – '}
                      {formatDateTime(j.started_at)}
                    </span>
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
