import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading } from '../../components/Status';
import { paths } from '../../config/paths';
import { localToUtc } from '../../lib/dates';
import { formatDateTime } from '../../lib/format';
import { useStaffNames } from '../participants';
import { useAudit } from './admin-api';
import { AdminNav } from './components/AdminNav';

const PAGE = 50;
const FILTERS = ['actor', 'participant', 'type', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

/** The audit log with filters kept in the URL (so a filtered view can be linked and reloaded). */
export function AuditPage() {
  const { t } = useTranslation();
  const staff = useStaffNames();
  const [params, setParams] = useSearchParams();
  const value = (k: Filter) => params.get(k) ?? '';
  const [draft, setDraft] = useState<Record<Filter, string>>(() => Object.fromEntries(FILTERS.map((k) => [k, value(k)])) as Record<Filter, string>);
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const query = useAudit({
    actor_id: value('actor') || undefined,
    participant_id: value('participant') || undefined,
    resource_type: value('type') || undefined,
    from: value('from') ? localToUtc(value('from')) : undefined,
    to: value('to') ? localToUtc(value('to')) : undefined,
    limit: PAGE,
    offset,
  });
  const apply = (next: Record<Filter, string>, o = 0) => {
    const sp = new URLSearchParams();
    for (const k of FILTERS) if (next[k].trim()) sp.set(k, next[k].trim());
    if (o > 0) sp.set('offset', String(o));
    setParams(sp);
  };
  const field = (k: Filter, label: string, type = 'text', hint?: string) => (
    <div className="field">
      <label htmlFor={`audit-${k}`} className="field__label">
        {label}
      </label>
      {hint ? (
        <div id={`audit-${k}-hint`} className="field__hint">
          {hint}
        </div>
      ) : null}
      <input id={`audit-${k}`} type={type} className="input" aria-describedby={hint ? `audit-${k}-hint` : undefined} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
    </div>
  );
  const data = query.data;

  return (
    <section>
      <PageHeading>{t('admin.audit.title')}</PageHeading>
      <AdminNav />
      <p className="muted">{t('admin.audit.intro')}</p>
      <form
        className="filters"
        aria-label={t('admin.audit.title')}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <div className="field">
          <label htmlFor="audit-actor" className="field__label">
            {t('admin.audit.actor')}
          </label>
          <select id="audit-actor" className="input" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })}>
            <option value="">{t('admin.audit.anyActor')}</option>
            {staff.staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.display_name}
              </option>
            ))}
          </select>
        </div>
        {field('participant', t('admin.audit.participant'))}
        {field('type', t('admin.audit.resourceType'), 'text', t('admin.audit.resourceTypeHint'))}
        {field('from', t('admin.audit.from'), 'datetime-local')}
        {field('to', t('admin.audit.to'), 'datetime-local')}
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            {t('admin.audit.filter')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              const empty = Object.fromEntries(FILTERS.map((k) => [k, ''])) as Record<Filter, string>;
              setDraft(empty);
              apply(empty);
            }}
          >
            {t('admin.audit.clear')}
          </button>
        </div>
      </form>
      <p role="status" className="list-summary">
        {data ? t('admin.audit.count', { count: data.total }) : ''}
      </p>
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {data && data.items.length === 0 ? <p>{t('admin.audit.empty')}</p> : null}
      {data && data.items.length ? (
        <div className="table-wrap" aria-busy={query.isPlaceholderData || undefined}>
          <table className="table">
            <caption className="visually-hidden">{t('admin.audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.at')}</th>
                <th scope="col">{t('admin.audit.actor')}</th>
                <th scope="col">{t('admin.audit.action')}</th>
                <th scope="col">{t('admin.audit.resource')}</th>
                <th scope="col" className="hide-narrow">
                  {t('admin.audit.participant')}
                </th>
                <th scope="col">{t('admin.audit.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap">{formatDateTime(a.at)}</td>
                  <td>{a.actor_id ? staff.name(a.actor_id) : ''}</td>
                  <td>{a.action}</td>
                  <td>
                    {a.resource_type}
                    {a.resource_id ? <span className="muted"> {a.resource_id.slice(0, 8)}</span> : null}
                  </td>
                  <td className="hide-narrow">{a.participant_id ? <Link to={paths.participant.href(a.participant_id)}>{a.participant_id.slice(0, 8)}</Link> : ''}</td>
                  <td>
                    <span className={`badge badge--${a.outcome === 'denied' ? 'danger' : 'success'}`}>
                      {t(`admin.audit.outcomes.${a.outcome}` as 'admin.audit.outcomes.success', { defaultValue: a.outcome })}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.total > PAGE ? (
        <nav className="pagination" aria-label={t('admin.audit.title')}>
          <button type="button" className="button button--small" disabled={offset === 0} onClick={() => apply(Object.fromEntries(FILTERS.map((k) => [k, value(k)])) as Record<Filter, string>, Math.max(0, offset - PAGE))}>
            {t('admin.audit.previous')}
          </button>
          <span>{t('common.showing', { shown: `${offset + 1}–${Math.min(offset + PAGE, data.total)}`, total: data.total })}</span>
          <button type="button" className="button button--small" disabled={offset + PAGE >= data.total} onClick={() => apply(Object.fromEntries(FILTERS.map((k) => [k, value(k)])) as Record<Filter, string>, offset + PAGE)}>
            {t('admin.audit.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
