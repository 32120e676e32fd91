import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../auth';
import { useProgrammes } from '../../casework';
import { parsePeriod, periodString, type PeriodKind, type PeriodParts } from '../period';
import type { ReportDef, ReportParams } from '../report-defs';

interface Props {
  def: ReportDef;
  values: ReportParams;
  onChange: (next: Partial<ReportParams> & { drilldown?: boolean }) => void;
  /** Undefined when the role may not see who is behind the figures. */
  drilldown?: boolean;
}

const KINDS: PeriodKind[] = ['tertial', 'year', 'month', 'range'];

/** Period, week, unit, programme and subgroup pickers: only those the report takes. */
export function ReportPickers({ def, values, onChange, drilldown }: Props) {
  const { t } = useTranslation();
  const staff = useStaff();
  const programmes = useProgrammes();
  const [period, setPeriod] = useState<PeriodParts>(() => parsePeriod(values.period));
  const has = (p: string) => def.pickers.includes(p as never);
  const setPart = (next: Partial<PeriodParts>) => {
    const parts = { ...period, ...next };
    setPeriod(parts);
    const s = periodString(parts);
    if (s) onChange({ period: s });
  };
  const subgroups = new Set((values.subgroup ?? '').split(',').filter(Boolean));
  const toggleSubgroup = (name: string, on: boolean) => {
    const next = new Set(subgroups);
    if (on) next.add(name);
    else next.delete(name);
    onChange({ subgroup: [...next].join(',') });
  };

  return (
    <form className="filters" aria-label={t('reports.pickers')} onSubmit={(e) => e.preventDefault()}>
      {has('programme') ? (
        <div className="field">
          <label htmlFor="report-programme" className="field__label">
            {t('reports.programme')}
          </label>
          <select id="report-programme" className="input" value={values.programme ?? ''} onChange={(e) => onChange({ programme: e.target.value })}>
            <option value="">{t('form.choose')}</option>
            {(programmes.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {has('period') ? (
        <>
          <div className="field">
            <label htmlFor="report-period-kind" className="field__label">
              {t('reports.periodKind')}
            </label>
            <select id="report-period-kind" className="input" value={period.kind} onChange={(e) => setPart({ kind: e.target.value as PeriodKind })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`reports.periodKinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          {period.kind === 'tertial' || period.kind === 'year' ? (
            <div className="field">
              <label htmlFor="report-year" className="field__label">
                {t('reports.year')}
              </label>
              <input id="report-year" className="input input--inline" inputMode="numeric" value={period.year} onChange={(e) => setPart({ year: e.target.value.trim() })} />
            </div>
          ) : null}
          {period.kind === 'tertial' ? (
            <div className="field">
              <label htmlFor="report-tertial" className="field__label">
                {t('reports.tertial')}
              </label>
              <select id="report-tertial" className="input" value={period.tertial} onChange={(e) => setPart({ tertial: e.target.value as PeriodParts['tertial'] })}>
                {(['1', '2', '3'] as const).map((n) => (
                  <option key={n} value={n}>
                    {t(`reports.tertials.${n}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {period.kind === 'month' ? (
            <div className="field">
              <label htmlFor="report-month" className="field__label">
                {t('reports.month')}
              </label>
              <input id="report-month" type="month" className="input" value={period.month} onChange={(e) => setPart({ month: e.target.value })} />
            </div>
          ) : null}
          {period.kind === 'range' ? (
            <>
              <div className="field">
                <label htmlFor="report-from" className="field__label">
                  {t('reports.from')}
                </label>
                <input id="report-from" type="date" className="input" value={period.from} onChange={(e) => setPart({ from: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor="report-to" className="field__label">
                  {t('reports.to')}
                </label>
                <input id="report-to" type="date" className="input" value={period.to} onChange={(e) => setPart({ to: e.target.value })} />
              </div>
            </>
          ) : null}
        </>
      ) : null}
      {has('week') ? (
        <div className="field">
          <label htmlFor="report-week" className="field__label">
            {t('reports.week')}
          </label>
          <input id="report-week" type="week" className="input" value={values.week ?? ''} onChange={(e) => e.target.value && onChange({ week: e.target.value })} />
        </div>
      ) : null}
      {has('unit') ? (
        <div className="field">
          <label htmlFor="report-unit" className="field__label">
            {t('reports.unit')}
          </label>
          <select id="report-unit" className="input" value={values.unit ?? ''} onChange={(e) => onChange({ unit: e.target.value })}>
            <option value="">{t('reports.allMyUnits')}</option>
            {staff.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {has('subgroup') ? (
        <div className="field field--checkbox">
          <input id="report-subgroup-sh" type="checkbox" checked={subgroups.has('supported_housing')} onChange={(e) => toggleSubgroup('supported_housing', e.target.checked)} />
          <label htmlFor="report-subgroup-sh">{t('reports.subgroupSupportedHousing')}</label>
        </div>
      ) : null}
      {drilldown !== undefined ? (
        <div className="field field--checkbox">
          <input id="report-drilldown" type="checkbox" checked={drilldown} onChange={(e) => onChange({ drilldown: e.target.checked })} />
          <label htmlFor="report-drilldown">{t('reports.drilldown')}</label>
        </div>
      ) : null}
    </form>
  );
}
