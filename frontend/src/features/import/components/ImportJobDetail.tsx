import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useImportJob } from '../import-api';
import { RowErrorsTable } from './RowErrorsTable';

/** One earlier import, read from `GET /imports/{id}` (polled while it runs): counts and its row errors. */
export function ImportJobDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const job = useImportJob(id);
  const j = job.data;
  const title = j
    ? t('imports.detail.title', { what: t(`imports.resources.${j.resource}` as 'imports.resources.participants'), when: formatDateTime(j.started_at) })
    : t('imports.detail.loading');
  return (
    <Section
      id="import-job"
      title={title}
      focusOnMount
      actions={
        <button type="button" className="button button--small" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {job.isPending ? <Loading /> : null}
      {job.error ? <ProblemAlert error={job.error} /> : null}
      {j ? (
        <>
          <p role="status">
            {t(`imports.statuses.${j.status}` as 'imports.statuses.running')} · {t('imports.jobs.rows')}: {formatNumber(j.rows_processed)} ·{' '}
            {t('imports.counts.created')}: {formatNumber(j.created)} · {t('imports.counts.updated')}: {formatNumber(j.updated)} · {t('imports.counts.unchanged')}:{' '}
            {formatNumber(j.unchanged)}
            {j.finished_at ? ` · ${t('imports.detail.finished', { when: formatDateTime(j.finished_at) })}` : ''}
          </p>
          {j.error_count ? (
            <>
              <p>{t('imports.detail.errors', { count: j.error_count, shown: j.errors.length })}</p>
              <RowErrorsTable errors={j.errors.map((e) => ({ ...e, field: e.field ?? null }))} total={j.error_count} />
            </>
          ) : (
            <p className="muted">{t('imports.detail.noErrors')}</p>
          )}
        </>
      ) : null}
    </Section>
  );
}
