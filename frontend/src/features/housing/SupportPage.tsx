import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { useStaff } from '../auth';
import { useStaffNames } from '../participants';
import { HousingNav } from './components/HousingNav';
import { useCaseloads, useSetCaseloadLimit } from './housing-api';

export function SupportPage() {
  const { t } = useTranslation();
  const me = useStaff();
  const staff = useStaffNames();
  const workers = me.role === 'housing_support' ? [me.id] : staff.staff.filter((s) => s.role === 'housing_support' && s.active).map((s) => s.id);
  const caseloads = useCaseloads(workers);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section>
      <PageHeading>{t('housing.support.title')}</PageHeading>
      <HousingNav />
      <p className="muted">{t('housing.support.intro')}</p>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {workers.length === 0 ? <p>{t('housing.support.noStaff')}</p> : null}
      {workers.length ? (
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
              {workers.map((id, i) => {
                const q = caseloads[i];
                return (
                  <tr key={id}>
                    <th scope="row">{staff.name(id)}</th>
                    <td>
                      {q?.isPending ? <Loading /> : null}
                      {q?.error ? <ProblemAlert error={q.error} /> : null}
                      {q?.data ? <CaseloadMeter c={q.data} /> : null}
                    </td>
                    <td className="meter">{q?.data ? `${q.data.min_caseload}–${q.data.max_caseload}` : ''}</td>
                    {me.role === 'manager' ? <td>{q?.data ? <LimitForm c={q.data} name={staff.name(id)} onSaved={() => setNotice(t('housing.support.saved'))} /> : null}</td> : null}
                  </tr>
                );
              })}
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
