import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { useStaff } from '../auth';
import { HousingNav } from './components/HousingNav';
import { canSeeCaseloads } from './course';
import { useCaseloadOverview, useSetCaseloadLimit } from './housing-api';

export function SupportPage() {
  const { t } = useTranslation();
  const me = useStaff();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section>
      <PageHeading>{t('housing.support.title')}</PageHeading>
      <HousingNav />
      <p className="muted">{t('housing.support.intro')}</p>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {!canSeeCaseloads(me.role) ? <p className="alert alert--info">{t('housing.support.notForRole')}</p> : null}
      {me.units.length === 0 ? <p>{t('housing.support.noStaff')}</p> : null}
      {canSeeCaseloads(me.role) && me.units.map((u) => (
        <UnitCaseloads key={u.id} unit={u} showUnit={me.units.length > 1} onSaved={() => setNotice(t('housing.support.saved'))} />
      ))}
    </section>
  );
}

/**
 * One unit's housing-support workers with their caseload today and limits, in one request
 * (managers and coordinators see everyone; a housing-support worker sees their own line).
 */
function UnitCaseloads({ unit, showUnit, onSaved }: { unit: { id: string; name: string }; showUnit: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const me = useStaff();
  const overview = useCaseloadOverview(unit.id);
  const rows = overview.data?.items ?? [];
  const caption = showUnit ? unit.name : t('housing.support.title');
  return (
    <>
      {showUnit ? <h2>{unit.name}</h2> : null}
      {overview.isPending ? <Loading /> : null}
      {overview.error ? <ProblemAlert error={overview.error} /> : null}
      {overview.data && rows.length === 0 ? <p className="muted">{t('housing.support.noStaff')}</p> : null}
      {rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
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
                      <LimitForm c={c} name={c.display_name} onSaved={onSaved} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
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
