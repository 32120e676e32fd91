import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { isApiProblem } from '../../api/client';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StaleAlert } from '../../components/StaleAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { changedFields, reapplyChanges } from '../../lib/changes';
import { drafts } from '../../lib/draft';
import { formatDate, formatNumber } from '../../lib/format';
import { canWriteEmployers, useStaff } from '../auth';
import { useParticipantNames } from '../participants';
import { EmployerForm } from './components/EmployerForm';
import { EMPLOYER_DIFF_FIELDS, EMPLOYER_FIELDS, employerToForm, formToEmployerInput, type EmployerValues } from './employer-form';
import { useEmployer, usePlacements, useStudyVisits, useUpdateEmployer } from './work-api';

const PAGE = 25;
type Employer = Schema<'EmployerView'>;

export function EmployerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const staff = useStaff();
  const query = useEmployer(id);
  const update = useUpdateEmployer(id);
  const [base, setBase] = useState<Employer | null>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [focusKey, setFocusKey] = useState(0);
  const valuesRef = useRef<(() => EmployerValues) | null>(null);
  const e = query.data;
  const stale = isApiProblem(update.error) && update.error.status === 412;
  const draftKey = `employer:${id}`;

  // What someone else changed: the version the user started from against the one now on the server
  // (the query is refetched on a 412, see reload/reapply, and on window focus).
  const changes =
    stale && base && e && e.version !== base.version
      ? changedFields(base, e, EMPLOYER_DIFF_FIELDS).map((c) => ({ ...c, label: fieldLabel(c.field) }))
      : undefined;
  function fieldLabel(field: string): string {
    const labels: Record<string, string> = {
      name: t('work.employers.name'),
      organisation_number: t('work.employers.orgNumber'),
      sector: t('work.employers.sector'),
      address: t('work.employer.address'),
      contact_person: t('work.employer.contact'),
      phone: t('work.employer.phone'),
      email: t('work.employer.email'),
      work_kinds: t('work.employer.workKinds'),
      notes: t('work.employer.notes'),
    };
    return labels[field] ?? field;
  }

  const save = async (values: EmployerValues, version: number) => {
    update.reset();
    const saved = await update.mutateAsync({ ...formToEmployerInput(values), version }).catch(async (err: unknown) => {
      if (isApiProblem(err) && err.status === 412) await query.refetch();
      return null;
    });
    if (!saved) return false;
    drafts.remove(staff.id, draftKey);
    setBase(null);
    setNotice(t('work.employer.saved'));
    setFocusKey((k) => k + 1);
    return true;
  };
  const reload = async () => {
    const fresh = await query.refetch();
    update.reset();
    drafts.remove(staff.id, draftKey);
    if (fresh.data) setBase(fresh.data);
  };
  // Only the fields this user changed are sent on top of the new version (see reapplyChanges).
  const reapply = async () => {
    const mine = valuesRef.current?.();
    const fresh = await query.refetch();
    if (mine && base && fresh.data) {
      const merged = reapplyChanges(employerToForm(base), mine, employerToForm(fresh.data));
      setBase(fresh.data);
      await save(merged, fresh.data.version);
    }
  };

  const row = (label: string, value: React.ReactNode) => (
    <div className="dl__row">
      <dt>{label}</dt>
      <dd>{value === '' || value == null ? <span className="muted">{t('common.none')}</span> : value}</dd>
    </div>
  );

  return (
    <section>
      <p className="breadcrumb">
        <Link to={paths.employers.href()}>{t('work.employers.title')}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={t('work.employer.title')} focusKey={focusKey}>
          {e?.name ?? t('work.employer.title')}
        </PageHeading>
        {e && !base && canWriteEmployers(staff.role) ? (
          <div className="page-header__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setNotice(null);
                setBase(e);
              }}
            >
              {t('work.employer.edit')}
            </button>
          </div>
        ) : null}
      </div>
      {notice && !base ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {e && base ? (
        <EmployerForm
          key={`edit-${base.version}`}
          draftKey={draftKey}
          defaultValues={employerToForm(base)}
          baseVersion={base.version}
          pending={update.isPending}
          serverError={update.error}
          submitLabel={t('work.employer.save')}
          valuesRef={valuesRef}
          onCancel={() => {
            update.reset();
            setBase(null);
          }}
          onSubmit={(v) => save(v, base.version)}
        >
          {stale ? (
            <StaleAlert onReload={() => void reload()} onReapply={() => void reapply()} pending={query.isFetching || update.isPending} changes={changes} />
          ) : update.error ? (
            <ProblemAlert error={update.error} shownFields={EMPLOYER_FIELDS} />
          ) : null}
        </EmployerForm>
      ) : null}
      {e && !base ? (
        <section className="card" aria-labelledby="employer-facts">
          <h2 id="employer-facts" className="visually-hidden">
            {t('work.employer.title')}
          </h2>
          <dl className="dl">
            {row(t('work.employers.orgNumber'), e.organisation_number)}
            {row(t('work.employers.sector'), t(`work.sector.${e.sector}`))}
            {row(t('work.employer.address'), e.address)}
            {row(t('work.employer.contact'), e.contact_person)}
            {row(t('work.employer.phone'), e.phone)}
            {row(t('work.employer.email'), e.email)}
            {row(t('work.employer.workKinds'), e.work_kinds.join(', '))}
            {row(t('work.employer.notes'), e.notes ? <span className="prewrap">{e.notes}</span> : null)}
          </dl>
        </section>
      ) : null}
      {e ? <PlacementHistory employerId={e.id} /> : null}
      {e ? <EmployerStudyVisits employerId={e.id} /> : null}
    </section>
  );
}

function PlacementHistory({ employerId }: { employerId: string }) {
  const { t } = useTranslation();
  const names = useParticipantNames();
  const [offset, setOffset] = useState(0);
  const query = usePlacements(employerId, { limit: PAGE, offset });
  const data = query.data;
  return (
    <section className="card" aria-labelledby="placements-title">
      <h2 id="placements-title">{t('work.employer.history')}</h2>
      {data ? (
        <p className="muted">
          {t('work.employer.historyIntro', { all: formatNumber(data.all_placements), job: formatNumber(data.all_led_to_employment) })}
        </p>
      ) : null}
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {data && data.items.length === 0 ? <p>{t('work.employer.noPlacements')}</p> : null}
      {data && data.items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('work.employer.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('work.employer.participant')}</th>
                <th scope="col">{t('work.panel.kind')}</th>
                <th scope="col">{t('work.employer.period')}</th>
                <th scope="col">{t('work.panel.status')}</th>
                <th scope="col">{t('work.employer.result')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.activity_id}>
                  <th scope="row">
                    <Link to={paths.participant.href(p.participant_id, 'work')}>{names.get(p.participant_id) ?? t('common.open')}</Link>
                  </th>
                  <td>{t(`work.activityKind.${p.kind}`)}</td>
                  <td className="nowrap">
                    {formatDate(p.start_date)} – {formatDate(p.actual_end)}
                  </td>
                  <td>{t(`work.activityStatus.${p.status}`)}</td>
                  <td>
                    {p.led_to_employment ? (p.employment_kind ? t(`work.employmentKind.${p.employment_kind}`) : t('work.employer.job')) : ''}
                    {p.end_reason ? <span className="muted"> {p.end_reason}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.total > PAGE ? (
        <nav className="pagination" aria-label={t('work.employer.history')}>
          <button type="button" className="button button--small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('work.employers.previous')}
          </button>
          <span>{t('common.showing', { shown: `${offset + 1}–${Math.min(offset + PAGE, data.total)}`, total: data.total })}</span>
          <button type="button" className="button button--small" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
            {t('work.employers.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}

/** Study visits at this employer of the participants the user may see, newest first. */
function EmployerStudyVisits({ employerId }: { employerId: string }) {
  const { t } = useTranslation();
  const visits = useStudyVisits({ employer_id: employerId });
  const names = useParticipantNames();
  const items = visits.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="employer-study-visits-title">
      <h2 id="employer-study-visits-title">{t('work.studyVisits.title')}</h2>
      {visits.isPending ? <Loading /> : null}
      {visits.error ? <ProblemAlert error={visits.error} /> : null}
      {visits.data && items.length === 0 ? <p className="muted">{t('work.studyVisits.none')}</p> : null}
      {items.length ? (
        <ul className="plain-list">
          {items.map((v) => (
            <li key={v.id} data-testid="employer-study-visit">
              <strong>{formatDate(v.visited_on)}</strong>{' '}
              <Link to={paths.participant.href(v.participant_id, 'work')}>{names.get(v.participant_id) ?? t('casework.duplicates.open')}</Link>
              {v.note ? <p className="prewrap">{v.note}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
