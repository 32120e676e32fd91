import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isApiProblem } from '../../api/client';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StaleAlert } from '../../components/StaleAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { textOrNull } from '../../lib/form-errors';
import { useProgrammes } from '../casework';
import { useStaff } from '../auth';
import { useParticipantNames } from '../participants';
import { MappingForm } from './components/MappingForm';
import { useEndEnrolment, useEnrolment, useMapping } from './referrals-api';

export function EnrolmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const staff = useStaff();
  const query = useEnrolment(id);
  const mapping = useMapping(id);
  const programmes = useProgrammes();
  const names = useParticipantNames();
  const end = useEndEnrolment(id);
  const [ending, setEnding] = useState(false);
  const [endStatus, setEndStatus] = useState('');
  const [endDate, setEndDate] = useState(todayIso());
  const [endNote, setEndNote] = useState('');
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const e = query.data;
  const programme = programmes.data?.items.find((p) => p.id === e?.programme_id);
  const who = e ? (names.get(e.participant_id) ?? '') : '';
  const readOnly = staff.role === 'read_only' || staff.role === 'admin';
  const stale = isApiProblem(end.error) && end.error.status === 412;

  const row = (label: string, value: React.ReactNode) => (
    <div className="dl__row">
      <dt>{label}</dt>
      <dd>{value === '' || value == null ? <span className="muted">{t('common.none')}</span> : value}</dd>
    </div>
  );

  return (
    <section>
      <p className="breadcrumb">
        {e ? <Link to={paths.participant.href(e.participant_id, 'referrals')}>{who || t('nav.participants')}</Link> : null}
      </p>
      <PageHeading documentTitle={t('referrals.enrolment.title')}>
        {t('referrals.enrolment.title')}
        {programme ? `: ${programme.name}` : ''}
      </PageHeading>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {e ? (
        <section className="card" aria-labelledby="enrolment-facts">
          <h2 id="enrolment-facts">{who}</h2>
          <dl className="dl">
            {row(t('referrals.enrolment.programme'), programme?.name)}
            {row(t('referrals.enrolment.startDate'), formatDate(e.start_date))}
            {row(t('referrals.enrolment.endDate'), formatDate(e.end_date))}
            {e.end_status ? row(t('referrals.enrolment.endStatus'), t(`referrals.endStatuses.${e.end_status}` as 'referrals.endStatuses.other', { defaultValue: e.end_status })) : null}
            {e.end_note ? row(t('referrals.enrolment.endNote'), e.end_note) : null}
            {row(t('referrals.enrolment.attended'), String(e.attended_contacts))}
            {row(t('referrals.enrolment.participated'), e.participated ? t('common.yes') : t('common.no'))}
            {e.referral_id ? row(t('referrals.enrolment.referral'), <Link to={paths.referral.href(e.referral_id)}>{t('referrals.list.open')}</Link>) : null}
          </dl>
          {!e.end_date && !readOnly ? (
            <div className="form__actions">
              <button type="button" className="button button--danger-outline" aria-expanded={ending} onClick={() => setEnding(!ending)}>
                {t('referrals.enrolment.end')}
              </button>
            </div>
          ) : null}
          {ending && !e.end_date ? (
            <form
              className="form"
              onSubmit={(ev) => {
                ev.preventDefault();
                end.mutate(
                  { version: e.version, end_date: endDate, end_status: endStatus, end_note: textOrNull(endNote) },
                  {
                    onSuccess: () => {
                      setEnding(false);
                      setNotice(t('referrals.enrolment.ended'));
                    },
                  },
                );
              }}
            >
              {stale ? <StaleAlert onReload={() => { end.reset(); void query.refetch(); }} /> : end.error ? <ProblemAlert error={end.error} /> : null}
              <div className="grid">
                <div className="field">
                  <label htmlFor="end-status" className="field__label">
                    {t('referrals.enrolment.endStatus')}
                  </label>
                  <select id="end-status" className="input" required value={endStatus} onChange={(ev) => setEndStatus(ev.target.value)}>
                    <option value="">{t('form.choose')}</option>
                    {(programme?.end_statuses ?? []).map((s) => (
                      <option key={s} value={s}>
                        {t(`referrals.endStatuses.${s}` as 'referrals.endStatuses.other', { defaultValue: s })}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="end-date" className="field__label">
                    {t('referrals.enrolment.endDate')}
                  </label>
                  <input id="end-date" type="date" className="input" value={endDate} onChange={(ev) => setEndDate(ev.target.value)} />
                </div>
                <div className="field grid__full">
                  <label htmlFor="end-note" className="field__label">
                    {t('referrals.enrolment.endNote')}
                  </label>
                  <textarea id="end-note" className="input" rows={2} value={endNote} onChange={(ev) => setEndNote(ev.target.value)} />
                </div>
              </div>
              <div className="form__actions">
                <button type="submit" className="button button--danger" disabled={end.isPending || !endStatus}>
                  {t('referrals.enrolment.endSubmit')}
                </button>
              </div>
            </form>
          ) : null}
        </section>
      ) : null}
      {mapping.error ? <ProblemAlert error={mapping.error} /> : null}
      {mapping.data && e ? (
        <MappingForm key={id} mapping={mapping.data} readOnly={readOnly} onLater={() => void navigate(paths.participant.href(e.participant_id))} />
      ) : mapping.isPending ? (
        <Loading />
      ) : null}
    </section>
  );
}
