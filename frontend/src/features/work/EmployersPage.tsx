import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatNumber } from '../../lib/format';
import { canWriteEmployers, useStaff } from '../auth';
import { EmployerForm } from './components/EmployerForm';
import { EMPLOYER_FIELDS, EMPLOYER_SECTORS, emptyEmployer, formToEmployerInput } from './employer-form';
import { useCreateEmployer, useEmployers } from './work-api';

const PAGE = 25;

export function EmployersPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sectorParam = params.get('sector') ?? '';
  const sector = (EMPLOYER_SECTORS as readonly string[]).includes(sectorParam) ? (sectorParam as Schema<'EmployerSector'>) : undefined;
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const [search, setSearch] = useState(q);
  const query = useEmployers({ q: q || undefined, sector, limit: PAGE, offset });
  const create = useCreateEmployer();
  const [adding, setAdding] = useState(false);

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'offset') next.delete('offset');
    setParams(next, { replace: key !== 'offset' });
  };
  const data = query.data;

  return (
    <section>
      <div className="page-header">
        <PageHeading>{t('work.employers.title')}</PageHeading>
        {canWriteEmployers(staff.role) && !adding ? (
          <div className="page-header__actions">
            <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
              {t('work.employers.new')}
            </button>
          </div>
        ) : null}
      </div>
      <p className="muted">{t('work.employers.intro')}</p>
      {adding ? (
        <Section id="employer-new" title={t('work.employers.new')} focusOnMount>
          <EmployerForm
            draftKey="employer:new"
            defaultValues={emptyEmployer}
            baseVersion={null}
            pending={create.isPending}
            serverError={create.error}
            submitLabel={t('work.employer.create')}
            onCancel={() => {
              create.reset();
              setAdding(false);
            }}
            onSubmit={async (v) => {
              const e = await create.mutateAsync(formToEmployerInput(v)).catch(() => null);
              if (e) void navigate(paths.employer.href(e.id), { state: { notice: t('work.employers.created') } });
              return !!e;
            }}
          >
            {create.error ? <ProblemAlert error={create.error} shownFields={EMPLOYER_FIELDS} /> : null}
          </EmployerForm>
        </Section>
      ) : null}
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update('q', search.trim());
        }}
      >
        <div className="field">
          <label htmlFor="employers-q" className="field__label">
            {t('work.employers.search')}
          </label>
          <input id="employers-q" type="search" className="input" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="employers-sector" className="field__label">
            {t('work.employers.sector')}
          </label>
          <select id="employers-sector" className="input" value={sector ?? ''} onChange={(e) => update('sector', e.target.value)}>
            <option value="">{t('work.employers.allSectors')}</option>
            {EMPLOYER_SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`work.sector.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('participants.list.search')}
        </button>
      </form>
      <p role="status" className="list-summary">
        {data ? t('work.employers.count', { count: data.total }) : ''}
      </p>
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {data && data.items.length === 0 ? <p>{t('work.employers.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <div className="table-wrap" aria-busy={query.isPlaceholderData || undefined}>
          <table className="table">
            <caption className="visually-hidden">{t('work.employers.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('work.employers.name')}</th>
                <th scope="col" className="hide-narrow">
                  {t('work.employers.orgNumber')}
                </th>
                <th scope="col">{t('work.employers.sector')}</th>
                <th scope="col" className="num">
                  {t('work.employers.placements')}
                </th>
                <th scope="col" className="num">
                  {t('work.employers.ledToJob')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={paths.employer.href(e.id)}>{e.name}</Link>
                  </th>
                  <td className="hide-narrow nowrap">{e.organisation_number ?? ''}</td>
                  <td>{t(`work.sector.${e.sector}`)}</td>
                  <td className="num">{formatNumber(e.placements)}</td>
                  <td className="num">{formatNumber(e.placements_led_to_employment)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.total > PAGE ? (
        <nav className="pagination" aria-label={t('work.employers.title')}>
          <button type="button" className="button button--small" disabled={offset === 0} onClick={() => update('offset', String(Math.max(0, offset - PAGE)))}>
            {t('work.employers.previous')}
          </button>
          <span>{t('common.showing', { shown: `${offset + 1}–${Math.min(offset + PAGE, data.total)}`, total: data.total })}</span>
          <button type="button" className="button button--small" disabled={offset + PAGE >= data.total} onClick={() => update('offset', String(offset + PAGE))}>
            {t('work.employers.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
