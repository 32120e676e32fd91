import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ParticipantListQuery, ParticipantStatus } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate, formatNumber } from '../../lib/format';
import { canWriteParticipants, useStaff } from '../auth';
import { PAGE_SIZES, SORTS, STATUSES, type ParticipantSort } from './options';
import { participantListTimingKey, useParticipants, useUnits } from './participants-api';
import { useRenderTiming } from '../../lib/render-timing';

const DEFAULT_SORT: ParticipantSort = 'last_name';
const DEFAULT_LIMIT = 25;

function readQuery(params: URLSearchParams): ParticipantListQuery & { limit: number; offset: number; sort: ParticipantSort } {
  const status = params.get('status');
  const sort = params.get('sort');
  const limit = Number(params.get('limit'));
  const offset = Number(params.get('offset'));
  return {
    q: params.get('q')?.trim() || undefined,
    status: STATUSES.includes(status as ParticipantStatus) ? (status as ParticipantStatus) : undefined,
    sort: SORTS.includes(sort as ParticipantSort) ? (sort as ParticipantSort) : DEFAULT_SORT,
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_LIMIT,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

export function ParticipantsListPage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const list = useParticipants(query);
  const units = useUnits();
  const ids = useId();

  // The search box updates the URL after a short pause in typing, and follows the URL when it
  // changes otherwise (back button, the menu link).
  const urlQ = query.q ?? '';
  const [search, setSearch] = useState(urlQ);
  const [syncedQ, setSyncedQ] = useState(urlQ);
  if (urlQ !== syncedQ) {
    setSyncedQ(urlQ);
    if (search.trim() !== urlQ) setSearch(urlQ);
  }
  useEffect(() => {
    const handle = window.setTimeout(() => {
      if ((query.q ?? '') !== search.trim()) update({ q: search.trim() || null, offset: null });
    }, 300);
    return () => window.clearTimeout(handle);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only react to typing
  }, [search]);

  function update(changes: Record<string, string | number | null>) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  }

  const unitName = (id: string) =>
    units.data?.items?.find((u) => u.id === id)?.name ?? staff.units.find((u) => u.id === id)?.name ?? '';

  const toggleSort = (field: 'last_name' | 'created_at') => {
    const next: ParticipantSort = query.sort === field ? (`-${field}` as ParticipantSort) : field;
    update({ sort: next === DEFAULT_SORT ? null : next, offset: null });
  };
  const ariaSort = (field: 'last_name' | 'created_at') =>
    query.sort === field ? 'ascending' : query.sort === `-${field}` ? 'descending' : undefined;

  const data = list.data;
  // Data arrival → rows committed, read by e2e/performance.spec.ts.
  useRenderTiming('participants:list-render', participantListTimingKey(query), data, !list.isPlaceholderData, { rows: data?.items.length ?? 0 });
  const from = data && data.total > 0 ? data.offset + 1 : 0;
  const to = data ? data.offset + data.items.length : 0;

  return (
    <section>
      <div className="page-header">
        <PageHeading>{t('participants.list.title')}</PageHeading>
        {canWriteParticipants(staff.role) ? (
          <Link className="button button--primary" to={paths.participantNew.href()}>
            {t('participants.list.new')}
          </Link>
        ) : null}
      </div>

      <form role="search" className="filters" onSubmit={(e) => {
          e.preventDefault();
          update({ q: search.trim() || null, offset: null });
        }}>
        <div className="field">
          <label htmlFor={`${ids}-q`} className="field__label">
            {t('participants.list.search')}
          </label>
          <input
            id={`${ids}-q`}
            type="search"
            className="input"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-describedby={`${ids}-q-hint`}
            autoComplete="off"
          />
          <div id={`${ids}-q-hint`} className="field__hint">
            {t('participants.list.searchHint')}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-status`} className="field__label">
            {t('participants.list.status')}
          </label>
          <select
            id={`${ids}-status`}
            className="input"
            value={query.status ?? ''}
            onChange={(e) => update({ status: e.target.value || null, offset: null })}
          >
            <option value="">{t('participants.list.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`enums.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-sort`} className="field__label">
            {t('participants.list.sort')}
          </label>
          <select
            id={`${ids}-sort`}
            className="input"
            value={query.sort}
            onChange={(e) => update({ sort: e.target.value === DEFAULT_SORT ? null : e.target.value, offset: null })}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`participants.list.sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      <p role="status" className="list-summary">
        {data ? (data.total === 0 ? t('participants.list.empty') : t('participants.list.showing', { from, to, total: formatNumber(data.total) })) : ''}
      </p>

      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.isPending ? <Loading /> : null}

      {data && data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-busy={list.isFetching || undefined}>
            <caption className="visually-hidden">{t('participants.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={ariaSort('last_name')}>
                  <button type="button" className="sort-button" onClick={() => toggleSort('last_name')}>
                    {t('participants.list.columns.name')}
                    <span aria-hidden="true">{query.sort === 'last_name' ? ' ▲' : query.sort === '-last_name' ? ' ▼' : ''}</span>
                  </button>
                </th>
                <th scope="col">{t('participants.list.columns.pnr')}</th>
                <th scope="col">{t('participants.list.columns.status')}</th>
                <th scope="col" className="hide-narrow">{t('participants.list.columns.unit')}</th>
                <th scope="col" aria-sort={ariaSort('created_at')}>
                  <button type="button" className="sort-button" onClick={() => toggleSort('created_at')}>
                    {t('participants.list.columns.created')}
                    <span aria-hidden="true">{query.sort === 'created_at' ? ' ▲' : query.sort === '-created_at' ? ' ▼' : ''}</span>
                  </button>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={paths.participant.href(p.id)}>
                      {p.last_name}, {p.first_name}
                    </Link>
                    {p.protected_identity ? <span className="badge badge--warning">{t('participants.protected')}</span> : null}
                  </th>
                  <td className="nowrap">{p.personal_identity_number ?? formatDate(p.date_of_birth)}</td>
                  <td>
                    <span className={`badge badge--${p.status}`}>{t(`enums.status.${p.status}`)}</span>
                  </td>
                  <td className="hide-narrow">{unitName(p.unit_id)}</td>
                  <td className="nowrap">{formatDate(p.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {data && data.total > 0 ? (
        <nav className="pagination" aria-label={t('participants.list.pagination')}>
          <button
            type="button"
            className="button"
            disabled={query.offset === 0}
            onClick={() => update({ offset: Math.max(0, query.offset - query.limit) || null })}
          >
            {t('participants.list.previous')}
          </button>
          <span className="pagination__page">
            {t('participants.list.page', {
              page: Math.floor(query.offset / query.limit) + 1,
              pages: Math.max(1, Math.ceil(data.total / query.limit)),
            })}
          </span>
          <button
            type="button"
            className="button"
            disabled={query.offset + query.limit >= data.total}
            onClick={() => update({ offset: query.offset + query.limit })}
          >
            {t('participants.list.next')}
          </button>
          <label htmlFor={`${ids}-limit`} className="pagination__size">
            {t('participants.list.pageSize')}
          </label>
          <select
            id={`${ids}-limit`}
            className="input input--inline"
            value={query.limit}
            onChange={(e) => update({ limit: Number(e.target.value) === DEFAULT_LIMIT ? null : e.target.value, offset: null })}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </nav>
      ) : null}
    </section>
  );
}
