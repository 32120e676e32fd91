import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiProblem } from '../../api/client';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StaleAlert } from '../../components/StaleAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate } from '../../lib/format';
import { textOrNull } from '../../lib/form-errors';
import { useProgrammes } from '../casework';
import { useParticipantNames, useUnitNames } from '../participants';
import { ReferralActionForm } from './components/ReferralActionForm';
import { ReferralStatusBadge } from './components/ReferralStatusBadge';
import { useReferral, useReferralAction, type ReferralAction } from './referrals-api';

export function ReferralDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = useReferral(id);
  const act = useReferralAction(id);
  const programmes = useProgrammes();
  const names = useParticipantNames();
  const units = useUnitNames();
  const [open, setOpen] = useState<ReferralAction | null>(null);
  const [last, setLast] = useState<{ action: ReferralAction; on: string; note: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const r = query.data;
  const stale = isApiProblem(act.error) && act.error.status === 412;

  const run = (action: ReferralAction, on: string, note: string, version: number) => {
    setLast({ action, on, note });
    act.mutate(
      { action, body: { version, on: on || null, note: textOrNull(note) } },
      {
        onSuccess: (result) => {
          setOpen(null);
          if (result.enrolment) {
            void navigate(paths.enrolment.href(result.enrolment.id), { state: { notice: t('referrals.actions.done.enrol') } });
          } else setNotice(t(`referrals.actions.done.${action}`));
        },
      },
    );
  };

  const reload = async () => {
    act.reset();
    await query.refetch();
  };
  const reapply = async () => {
    const fresh = await query.refetch();
    act.reset();
    if (last && fresh.data?.allowed_actions.includes(last.action)) run(last.action, last.on, last.note, fresh.data.version);
  };

  const programme = programmes.data?.items.find((p) => p.id === r?.programme_id);
  const who = r ? (names.get(r.participant_id) ?? '') : '';
  const row = (label: string, value: React.ReactNode) => (
    <div className="dl__row">
      <dt>{label}</dt>
      <dd>{value || <span className="muted">{t('common.none')}</span>}</dd>
    </div>
  );

  return (
    <section>
      <p className="breadcrumb">
        <Link to={paths.referrals.href()}>{t('referrals.list.title')}</Link>
      </p>
      <PageHeading documentTitle={t('referrals.detail.title')}>
        {t('referrals.detail.title')}
        {who ? `: ${who}` : ''}
      </PageHeading>
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {stale ? <StaleAlert onReload={() => void reload()} onReapply={last ? () => void reapply() : undefined} pending={query.isFetching} /> : null}
      {act.error && !stale ? <ProblemAlert error={act.error} /> : null}
      {r ? (
        <>
          <section className="card" aria-labelledby="referral-actions-title">
            <h2 id="referral-actions-title">{t('referrals.detail.actionsTitle')}</h2>
            <p>
              <ReferralStatusBadge status={r.status} />
            </p>
            {r.allowed_actions.length === 0 ? (
              <p className="muted">{t('referrals.detail.noActions')}</p>
            ) : (
              <div className="quick-actions">
                {r.allowed_actions.map((a) => (
                  <button
                    key={a}
                    type="button"
                    className={`button${a === 'enrol' ? ' button--primary' : ''}${a === 'withdraw' || a === 'decline' ? ' button--danger-outline' : ''}`}
                    aria-expanded={open === a}
                    onClick={() => {
                      act.reset();
                      setNotice(null);
                      setOpen(open === a ? null : a);
                    }}
                  >
                    {t(`referrals.actions.${a}`)}
                  </button>
                ))}
              </div>
            )}
            {open && r.allowed_actions.includes(open) ? (
              <ReferralActionForm
                key={open}
                action={open}
                pending={act.isPending}
                onCancel={() => setOpen(null)}
                onConfirm={(on, note) => run(open, on, note, r.version)}
              />
            ) : null}
          </section>
          <section className="card" aria-labelledby="referral-facts-title">
            <h2 id="referral-facts-title">{t('referrals.detail.title')}</h2>
            <dl className="dl">
              {row(t('referrals.list.participant'), <Link to={paths.participant.href(r.participant_id)}>{who || t('casework.duplicates.open')}</Link>)}
              {row(t('referrals.list.programme'), programme?.name)}
              {row(t('referrals.list.referredOn'), formatDate(r.referred_on))}
              {row(t('referrals.detail.referringUnit'), units.get(r.referring_unit_id))}
              {row(t('referrals.list.targetGroup'), t(`casework.targetGroups.${r.target_group}`))}
              {row(t('referrals.detail.reason'), r.reason)}
              {row(t('referrals.detail.assessment'), r.assessment)}
              {row(t('referrals.detail.firstMeeting'), formatDate(r.first_meeting_on))}
              {row(t('referrals.detail.statusChanged'), formatDate(r.status_changed_on))}
              {row(t('referrals.detail.statusNote'), r.status_note)}
            </dl>
          </section>
        </>
      ) : null}
    </section>
  );
}
