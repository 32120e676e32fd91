import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { formatDate, formatNumber } from '../../../lib/format';
import { useStaff } from '../../auth';
import { useStayCosts } from '../housing-api';

/** Temporary-housing nights and cost per tertial (Jan–Apr, May–Aug, Sep–Dec) for one of the user's units and a year. */
export function StayCostsSection() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [unitId, setUnitId] = useState(staff.units[0]?.id ?? '');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const costs = useStayCosts(unitId, Number(year));
  const data = costs.data;
  return (
    <Section id="stay-costs" title={t('housing.costs.title')}>
      <div className="filters">
        {staff.units.length > 1 ? (
          <div className="field">
            <label htmlFor="costs-unit" className="field__label">
              {t('housing.costs.unit')}
            </label>
            <select id="costs-unit" className="input" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              {staff.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="costs-year" className="field__label">
            {t('housing.costs.year')}
          </label>
          <input id="costs-year" className="input" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} />
        </div>
      </div>
      {costs.isFetching && !data ? <Loading /> : null}
      {costs.error ? <ProblemAlert error={costs.error} /> : null}
      {data ? (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('housing.costs.caption', { year: data.year, count: data.stays })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('housing.costs.tertial')}</th>
                <th scope="col">{t('housing.costs.period')}</th>
                <th scope="col" className="num">
                  {t('housing.costs.nights')}
                </th>
                <th scope="col" className="num">
                  {t('housing.costs.cost')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.tertials.map((r) => (
                <tr key={r.tertial}>
                  <th scope="row">{t('housing.costs.tertialName', { n: r.tertial })}</th>
                  <td className="nowrap">
                    {formatDate(r.from)} – {formatDate(r.to)}
                  </td>
                  <td className="num">{formatNumber(r.nights)}</td>
                  <td className="num">{formatNumber(r.cost)} kr</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('housing.costs.total')}
                </th>
                <td className="num">{formatNumber(data.nights)}</td>
                <td className="num">{formatNumber(data.cost)} kr</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
