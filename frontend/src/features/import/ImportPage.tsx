import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiProblem } from '../../api/client';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatNumber } from '../../lib/format';
import { useStaff } from '../auth';
import { ImportJobDetail } from './components/ImportJobDetail';
import { ImportJobsTable } from './components/ImportJobsTable';
import { RowErrorsTable } from './components/RowErrorsTable';
import { downloadExport, useImportJobs, useUpload, type ImportJob } from './import-api';
import {
  currentRunningJob,
  exportableResources,
  fileFormat,
  importableResources,
  importColumns,
  invalidLines,
  type FileFormat,
  type ImportResource,
  type RowError,
} from './import-logic';
import { useFocusLater } from '../../lib/use-focus-later';

/** Where the imported records are listed, for the resources that have a list of their own. */
const LIST_HREF: Partial<Record<ImportResource, () => string>> = {
  participants: () => paths.participants.href(),
  employers: () => paths.employers.href(),
  apartments: () => paths.housing.href(),
  referrals: () => paths.referrals.href(),
};

/** `/import`: upload a CSV/NDJSON file, check it (dry run), import it, and see earlier imports. */
export function ImportPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const resources = importableResources(staff.role);
  const [resource, setResource] = useState<ImportResource | ''>(resources[0] ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'insert' | 'upsert'>('insert');
  const [fileError, setFileError] = useState<string | null>(null);
  const [openJob, setOpenJob] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const [startedAt, setStartedAt] = useState<Date | null>(null);
  const [lastDryRun, setLastDryRun] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const upload = useUpload();
  const jobs = useImportJobs(upload.isPending);
  const format: FileFormat | null = file ? fileFormat(file) : null;

  if (!resources.length || !resource) {
    return (
      <section>
        <PageHeading>{t('imports.title')}</PageHeading>
        <p className="alert alert--info">{t('imports.notAllowed')}</p>
        {exportableResources(staff.role).length ? <ExportOnly resources={exportableResources(staff.role)} /> : null}
      </section>
    );
  }

  const run = (dryRun: boolean) => {
    if (!file || !format) {
      setFileError(file ? t('imports.unknownFormat') : t('imports.chooseFile'));
      fileInput.current?.focus();
      return;
    }
    setFileError(null);
    setLastDryRun(dryRun);
    setStartedAt(new Date());
    upload.mutate({ resource, file, format, dryRun, mode });
  };

  const exportAs = async (f: FileFormat) => {
    setExportError(null);
    try {
      await downloadExport(resource, f);
    } catch (e) {
      setExportError(e);
    }
  };

  const running = upload.isPending && startedAt ? currentRunningJob(jobs.data?.items ?? [], resource, startedAt) : null;
  const problem = isApiProblem(upload.error) ? upload.error : null;
  const rowErrors: RowError[] | null =
    problem && problem.status === 422 && typeof problem.extensions.import_id === 'string'
      ? problem.errors.map((e) => ({ line: e.line ?? 0, field: e.field || null, message: e.message }))
      : null;
  const errorCount = rowErrors ? (typeof problem?.extensions.error_count === 'number' ? problem.extensions.error_count : rowErrors.length) : 0;
  const resourceName = t(`imports.resources.${resource}`);

  return (
    <section>
      <div className="page-header">
        <PageHeading>{t('imports.title')}</PageHeading>
        <div className="page-header__actions">
          <button type="button" className="button" onClick={() => void exportAs('csv')}>
            {t('imports.exportCsv', { what: resourceName })}
          </button>
          <button type="button" className="button" onClick={() => void exportAs('ndjson')}>
            {t('imports.exportNdjson', { what: resourceName })}
          </button>
        </div>
      </div>
      <p className="muted">{t('imports.intro')}</p>
      {exportError ? <ProblemAlert error={exportError} /> : null}

      <form
        className="fieldset"
        aria-labelledby={`${id}-legend`}
        onSubmit={(e) => {
          e.preventDefault();
          run(true);
        }}
      >
        <h2 id={`${id}-legend`} className="card__title">
          {t('imports.fileHeading')}
        </h2>
        <div className="grid">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-resource`}>
              {t('imports.resource')}
            </label>
            <select
              id={`${id}-resource`}
              className="input"
              aria-describedby={`${id}-resource-hint`}
              value={resource}
              onChange={(e) => {
                setResource(e.target.value as ImportResource);
                upload.reset();
              }}
            >
              {resources.map((r) => (
                <option key={r} value={r}>
                  {t(`imports.resources.${r}`)}
                </option>
              ))}
            </select>
            <p id={`${id}-resource-hint`} className="field__hint">
              {t('imports.columnsHint')} <code style={{ overflowWrap: 'anywhere' }}>{importColumns(resource)}</code>
            </p>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-file`}>
              {t('imports.file')}
            </label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              type="file"
              className="input"
              accept=".csv,.ndjson,.jsonl,.txt,text/csv,application/x-ndjson"
              aria-describedby={`${id}-file-hint${fileError ? ` ${id}-file-error` : ''}`}
              aria-invalid={fileError ? true : undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileError(null);
                upload.reset();
              }}
            />
            <p id={`${id}-file-hint`} className="field__hint">
              {t('imports.fileHint')}
            </p>
            {fileError ? (
              <p id={`${id}-file-error`} className="field__error">
                {fileError}
              </p>
            ) : null}
          </div>
          <fieldset className="grid__full quick-actions" aria-describedby={`${id}-mode-hint`}>
            <legend className="field__label">{t('imports.mode')}</legend>
            {(['insert', 'upsert'] as const).map((m) => (
              <label key={m} className="field--checkbox">
                <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
                <span>{t(`imports.modes.${m}`)}</span>
              </label>
            ))}
            <p id={`${id}-mode-hint`} className="field__hint">
              {t('imports.modeHint')}
            </p>
          </fieldset>
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={upload.isPending}>
            {t('imports.check')}
          </button>
          <button type="button" className="button button--primary" disabled={upload.isPending} onClick={() => run(false)}>
            {t('imports.import')}
          </button>
        </div>
      </form>

      <div aria-live="polite" className="import-result">
        {upload.isPending ? (
          <div role="status" className="alert alert--info">
            <p className="alert__title">{lastDryRun ? t('imports.checking') : t('imports.importing')}</p>
            <p>{running ? t('imports.progress', { count: running.rows_processed }) : t('imports.uploading')}</p>
            <progress aria-label={t('imports.importing')} />
          </div>
        ) : null}
        {upload.data ? <JobResult job={upload.data} resourceName={resourceName} /> : null}
      </div>
      {rowErrors ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('imports.invalid', { count: errorCount, lines: invalidLines(rowErrors) })}</p>
          <p>{t('imports.nothingWritten')}</p>
        </div>
      ) : upload.error ? (
        <ProblemAlert error={upload.error} />
      ) : null}
      {rowErrors ? <RowErrorsTable errors={rowErrors} total={errorCount} /> : null}

      <h2>{t('imports.earlier')}</h2>
      {jobs.isPending ? <Loading /> : null}
      {jobs.error ? <ProblemAlert error={jobs.error} /> : null}
      {jobs.data && jobs.data.items.length === 0 ? <p>{t('imports.noJobs')}</p> : null}
      {jobs.data && jobs.data.items.length ? <ImportJobsTable jobs={jobs.data.items} onOpen={setOpenJob} /> : null}
      {openJob ? (
        <ImportJobDetail
          key={openJob}
          id={openJob}
          onClose={() => {
            const id = openJob;
            setOpenJob(null);
            focusLater(`import-job-open-${id}`);
          }}
        />
      ) : null}
    </section>
  );
}

function JobResult({ job, resourceName }: { job: ImportJob; resourceName: string }) {
  const { t } = useTranslation();
  const listHref = LIST_HREF[job.resource as ImportResource];
  const counts = (
    <dl className="import-counts">
      <div>
        <dt>{t('imports.counts.created')}</dt>
        <dd>{formatNumber(job.created)}</dd>
      </div>
      <div>
        <dt>{t('imports.counts.updated')}</dt>
        <dd>{formatNumber(job.updated)}</dd>
      </div>
      <div>
        <dt>{t('imports.counts.unchanged')}</dt>
        <dd>{formatNumber(job.unchanged)}</dd>
      </div>
    </dl>
  );
  if (job.dry_run) {
    return (
      <div className="alert alert--success">
        <p className="alert__title">{t('imports.validated', { count: job.rows_processed })}</p>
        <p>{t('imports.validatedNext')}</p>
        {counts}
      </div>
    );
  }
  return (
    <div className="alert alert--success">
      <p className="alert__title">{t('imports.done', { count: job.rows_processed })}</p>
      {counts}
      {listHref ? <Link to={listHref()}>{t('imports.toList', { what: resourceName })}</Link> : null}
    </div>
  );
}

/** For roles that read but may not import: the export of each resource. */
function ExportOnly({ resources }: { resources: ImportResource[] }) {
  const { t } = useTranslation();
  const id = useId();
  const [resource, setResource] = useState<ImportResource>(resources[0]);
  const [exportError, setExportError] = useState<unknown>(null);
  const resourceName = t(`imports.resources.${resource}`);
  const exportAs = async (f: FileFormat) => {
    setExportError(null);
    try {
      await downloadExport(resource, f);
    } catch (e) {
      setExportError(e);
    }
  };
  return (
    <div className="fieldset">
      <h2 className="card__title">{t('imports.exportHeading')}</h2>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-resource`}>
          {t('imports.resource')}
        </label>
        <select id={`${id}-resource`} className="input" value={resource} onChange={(e) => setResource(e.target.value as ImportResource)}>
          {resources.map((r) => (
            <option key={r} value={r}>
              {t(`imports.resources.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form__actions">
        <button type="button" className="button" onClick={() => void exportAs('csv')}>
          {t('imports.exportCsv', { what: resourceName })}
        </button>
        <button type="button" className="button" onClick={() => void exportAs('ndjson')}>
          {t('imports.exportNdjson', { what: resourceName })}
        </button>
      </div>
      {exportError ? <ProblemAlert error={exportError} /> : null}
    </div>
  );
}
