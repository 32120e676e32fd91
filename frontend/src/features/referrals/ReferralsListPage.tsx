import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { REFERRAL_STATUSES } from '../../api/enums';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate } from '../../lib/format';
import { useProgrammes } from '../casework';
import { useParticipantNames } from '../participants';
import { ReferralStatusBadge } from './components/ReferralStatusBadge';
import { useReferrals } from './referrals-api';

const PAGE = 25;

export function ReferralsListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? '';
  const status = (REFERRAL_STATUSES as string[]).includes(statusParam) ? (statusParam as Schema<'ReferralStatus'>) : undefined;
  const programmeId = params.get('programme') ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const query = useReferrals({ status, programme_id: programmeId || undefined, limit: PAGE, offset });
  const programmes = useProgrammes();
  const names = useParticipantNames();
  const programmeName = new Map((programmes.data?.items ?? []).map((p) => [p.id, p.name]));

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('offset');
    setParams(next, { replace: true });
  };
  const page = (o: number) => {
    const next = new URLSearchParams(params);
    if (o > 0) next.set('offset', String(o));
    else next.delete('offset');
    setParams(next);
  };

  const data = query.data;
  return (
    <section>
      <PageHeading>{t('referrals.list.title')}</PageHeading>
      <p className="muted">{t('referrals.list.intro')}</p>
      <div className="filters">
        <div className="field">
          <label htmlFor="referrals-status" className="field__label">
            {t('referrals.list.status')}
          </label>
          <select id="referrals-status" className="input" value={status ?? ''} onChange={(e) => update('status', e.target.value)}>
            <option value="">{t('referrals.list.allStatuses')}</option>
            {REFERRAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`referrals.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="referrals-programme" className="field__label">
            {t('referrals.list.programme')}
          </label>
          <select id="referrals-programme" className="input" value={programmeId} onChange={(e) => update('programme', e.target.value)}>
            <option value="">{t('referrals.list.allProgrammes')}</option>
            {(programmes.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" className="list-summary">
        {data ? t('referrals.list.count', { count: data.total }) : ''}
      </p>
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {data && data.items.length === 0 ? <p>{t('referrals.list.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap" aria-busy={query.isPlaceholderData || undefined}>
          <table className="table">
            <caption className="visually-hidden">{t('referrals.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referrals.list.participant')}</th>
                <th scope="col">{t('referrals.list.referredOn')}</th>
                <th scope="col">{t('referrals.list.programme')}</th>
                <th scope="col" className="hide-narrow">
                  {t('referrals.list.targetGroup')}
                </th>
                <th scope="col">{t('referrals.list.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={paths.referral.href(r.id)}>{names.get(r.participant_id) ?? t('referrals.list.open')}</Link>
                  </th>
                  <td className="nowrap">{formatDate(r.referred_on)}</td>
                  <td>{programmeName.get(r.programme_id) ?? ''}</td>
                  <td className="hide-narrow">{t(`casework.targetGroups.${r.target_group}`)}</td>
                  <td>
                    <ReferralStatusBadge status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.total > PAGE ? (
        <nav className="pagination" aria-label={t('referrals.list.title')}>
          <button type="button" className="button button--small" disabled={offset === 0} onClick={() => page(Math.max(0, offset - PAGE))}>
            {t('referrals.list.previous')}
          </button>
          <span>{t('common.showing', { shown: `${offset + 1}–${Math.min(offset + PAGE, data.total)}`, total: data.total })}</span>
          <button type="button" className="button button--small" disabled={offset + PAGE >= data.total} onClick={() => page(offset + PAGE)}>
            {t('referrals.list.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
