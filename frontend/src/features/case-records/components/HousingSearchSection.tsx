import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { formatDate, formatNumber } from '../../../lib/format';
import { useSearchCases, useTemporaryStays } from '../case-records-api';

/** Housing search cases (with their actions and outcome) and temporary stays with their cost. */
export function HousingSearchSection({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const cases = useSearchCases(participantId);
  const stays = useTemporaryStays(participantId);
  return (
    <>
      <Section id="search-cases" title={t('records.search.title')}>
        {cases.isPending ? <Loading /> : null}
        {cases.error ? <ProblemAlert error={cases.error} /> : null}
        {cases.data && cases.data.items.length === 0 ? <p>{t('records.search.none')}</p> : null}
        <ul className="plain-list">
          {cases.data?.items.map((c) => (
            <li key={c.id}>
              <strong>{formatDate(c.opened_on)}</strong> {c.referring_unit}{' '}
              <span className={`badge badge--${c.status === 'open' ? 'active' : 'closed'}`}>{t(`records.search.status.${c.status}`)}</span>
              {c.outcome ? (
                <>
                  {' '}
                  {t(`records.search.outcome.${c.outcome}`)} {formatDate(c.outcome_on)}
                  {c.days_to_housing != null ? ` (${t('common.days', { count: c.days_to_housing })})` : ''}
                </>
              ) : null}
              {c.actions.length ? <span className="muted"> · {t('records.search.actions', { count: c.actions.length })}</span> : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="temporary-stays" title={t('records.stays.title')}>
        {stays.isPending ? <Loading /> : null}
        {stays.error ? <ProblemAlert error={stays.error} /> : null}
        {stays.data && stays.data.items.length === 0 ? <p>{t('records.stays.none')}</p> : null}
        {stays.data && stays.data.items.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('records.stays.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('records.stays.kind')}</th>
                  <th scope="col">{t('records.stays.period')}</th>
                  <th scope="col" className="num">
                    {t('records.stays.nights')}
                  </th>
                  <th scope="col" className="num">
                    {t('records.stays.cost')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stays.data.items.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {t(`records.stays.kinds.${s.kind}`)}
                      {s.provider ? <span className="muted"> {s.provider}</span> : null}
                    </th>
                    <td className="nowrap">
                      {formatDate(s.from_date)} – {formatDate(s.to_date)}
                    </td>
                    <td className="num">{formatNumber(s.nights)}</td>
                    <td className="num">{formatNumber(s.cost)} kr</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
    </>
  );
}
