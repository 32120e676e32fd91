import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { useStaff } from '../auth';
import { HousingNav } from './components/HousingNav';
import { useCaseloadOverview, useSetCaseloadLimit } from './housing-api';

export function SupportPage() {
  const { t } = useTranslation();
  const me = useStaff();
  // One request per unit: every active housing-support worker with their caseload today and limits
  // (managers and coordinators see everyone; a housing-support worker sees their own line).
  const [unitId, setUnitId] = useState(me.units[0]?.id ?? '');
  const overview = useCaseloadOverview(unitId || undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = overview.data?.items ?? [];

  return (
    <section>
      <PageHeading>{t('housing.support.title')}</PageHeading>
      <HousingNav />
      <p className="muted">{t('housing.support.intro')}</p>
      {me.units.length > 1 ? (
        <div className="filters">
          <div className="field">
            <label htmlFor="support-unit" className="field__label">
              {t('housing.support.unit')}
            </label>
            <select id="support-unit" className="input" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              {me.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {overview.isPending && unitId ? <Loading /> : null}
      {overview.error ? <ProblemAlert error={overview.error} /> : null}
      {overview.data && rows.length === 0 ? <p>{t('housing.support.noStaff')}</p> : null}
      {rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('housing.support.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('housing.support.staff')}</th>
                <th scope="col">{t('housing.support.current')}</th>
                <th scope="col">{t('housing.support.limits')}</th>
                {me.role === 'manager' ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.staff_id}>
                  <th scope="row">{c.display_name}</th>
                  <td>
                    <CaseloadMeter c={c} />
                  </td>
                  <td className="meter">{`${c.min_caseload}–${c.max_caseload}`}</td>
                  {me.role === 'manager' ? (
                    <td>
                      <LimitForm c={c} name={c.display_name} onSaved={() => setNotice(t('housing.support.saved'))} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function CaseloadMeter({ c }: { c: Schema<'CaseloadView'> }) {
  const { t } = useTranslation();
  const tone = c.over_maximum ? 'danger' : c.current < c.min_caseload ? 'warning' : 'success';
  const label = c.over_maximum ? t('housing.support.over') : c.current < c.min_caseload ? t('housing.support.under') : t('housing.support.within');
  return (
    <span className="meter">
      <strong>{c.current}</strong> <span className={`badge badge--${tone}`}>{label}</span>
    </span>
  );
}

function LimitForm({ c, name, onSaved }: { c: Schema<'CaseloadView'>; name: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const set = useSetCaseloadLimit(c.staff_id);
  const [min, setMin] = useState(String(c.min_caseload));
  const [max, setMax] = useState(String(c.max_caseload));
  const id = `limit-${c.staff_id}`;
  return (
    <form
      className="inline-form"
      aria-label={`${t('housing.support.limits')}: ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        set.mutate({ min_caseload: Number(min), max_caseload: Number(max) }, { onSuccess: onSaved });
      }}
    >
      {set.error ? <ProblemAlert error={set.error} /> : null}
      <div className="field">
        <label htmlFor={`${id}-min`} className="field__label">
          {t('housing.support.min')}
        </label>
        <input id={`${id}-min`} type="number" min={0} className="input input--inline" value={min} onChange={(e) => setMin(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-max`} className="field__label">
          {t('housing.support.max')}
        </label>
        <input id={`${id}-max`} type="number" min={1} className="input input--inline" value={max} onChange={(e) => setMax(e.target.value)} />
      </div>
      <button type="submit" className="button button--small" disabled={set.isPending}>
        {t('housing.support.save')}
      </button>
    </form>
  );
}
