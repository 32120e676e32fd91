import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QUEUE_STATUSES, QUEUE_WISHES } from '../../api/enums';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate } from '../../lib/format';
import { canManageHousing, useStaff } from '../auth';
import { useParticipantNames } from '../participants';
import { DrawForm } from './components/DrawForm';
import { HousingNav } from './components/HousingNav';
import { QueueEntryActions, type EntryAction } from './components/QueueEntryActions';
import { QueueEntryEdit } from './components/HousingEditForms';
import { housingKeys, useQueue, useQueueSummary } from './housing-api';
import { activeQueue } from './queue';
import { useFocusLater } from '../../lib/use-focus-later';

export function QueuePage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const wish = params.get('wish') ?? '';
  const unitId = staff.units[0]?.id;
  const queueQuery = {
    status: (QUEUE_STATUSES as string[]).includes(status) ? (status as Schema<'QueueStatus'>) : undefined,
    wish: (QUEUE_WISHES as string[]).includes(wish) ? (wish as Schema<'QueueWish'>) : undefined,
    limit: 500,
  };
  const query = useQueue(queueQuery);
  const summary = useQueueSummary(unitId);
  const names = useParticipantNames();
  const manage = canManageHousing(staff.role);
  const [open, setOpen] = useState<{ id: string; action: EntryAction | 'edit' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const items = status ? (query.data?.items ?? []) : activeQueue(query.data?.items ?? []);

  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const s = summary.data;
  return (
    <section>
      <PageHeading>{t('housing.queue.title')}</PageHeading>
      <HousingNav />
      <p className="muted">{t('housing.queue.intro')}</p>
      {s ? (
        <ul className="stats" aria-label={t('housing.queue.title')}>
          <li>
            {t('housing.queue.waiting')}
            <strong>{s.waiting}</strong>
          </li>
          <li>
            {t('housing.queue.waitingReady')}
            <strong>{s.waiting_ready}</strong>
          </li>
          <li>
            {t('housing.queue.notified')}
            <strong>{s.notified}</strong>
          </li>
          {s.longest_waiting_since ? (
            <li>
              {t('housing.queue.longest')}
              <strong>{formatDate(s.longest_waiting_since)}</strong>
              <span className="muted">{t('housing.queue.longestDays', { count: s.longest_waiting_days ?? 0 })}</span>
            </li>
          ) : null}
        </ul>
      ) : null}
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      <div className="filters">
        <div className="field">
          <label htmlFor="queue-status" className="field__label">
            {t('housing.queue.status')}
          </label>
          <select id="queue-status" className="input" value={status} onChange={(e) => update('status', e.target.value)}>
            <option value="">{t('housing.queue.activeOnly')}</option>
            {QUEUE_STATUSES.map((st) => (
              <option key={st} value={st}>
                {t(`housing.queue.statuses.${st}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="queue-wish" className="field__label">
            {t('housing.queue.wish')}
          </label>
          <select id="queue-wish" className="input" value={wish} onChange={(e) => update('wish', e.target.value)}>
            <option value="">{t('housing.queue.allWishes')}</option>
            {QUEUE_WISHES.map((w) => (
              <option key={w} value={w}>
                {t(`housing.queue.wishes.${w}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" className="list-summary">
        {query.data ? t('housing.queue.count', { count: items.length }) : ''}
      </p>
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}
      {query.data && items.length === 0 ? <p>{t('housing.queue.empty')}</p> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('housing.queue.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('housing.queue.position')}</th>
                <th scope="col">{t('housing.queue.participant')}</th>
                <th scope="col">{t('housing.queue.wish')}</th>
                <th scope="col">{t('housing.queue.joined')}</th>
                <th scope="col">{t('housing.queue.waitingTime')}</th>
                <th scope="col">{t('housing.queue.status')}</th>
                {manage ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((e) => {
                const name = names.get(e.participant_id) ?? t('casework.duplicates.open');
                const isOpen = open?.id === e.id;
                const act = (action: EntryAction | 'edit', label: string, extra = '') => (
                  <button
                    id={`queue-${action}-${e.id}`}
                    type="button"
                    className={`button button--small ${extra}`}
                    aria-expanded={isOpen && open?.action === action}
                    aria-label={`${label}: ${name}`}
                    onClick={() => {
                      setNotice(null);
                      setOpen(isOpen && open?.action === action ? null : { id: e.id, action });
                    }}
                  >
                    {label}
                  </button>
                );
                return (
                  <Fragment key={e.id}>
                    <tr>
                      <td className="meter">{e.position ?? '–'}</td>
                      <th scope="row">
                        <Link to={paths.participant.href(e.participant_id, 'housing')}>{name}</Link>
                        {!e.ready ? <span className="badge badge--warning">{t('housing.queue.notReady')}</span> : null}
                        {e.risk_flag ? <span className="badge badge--danger">{t('housing.board.risk')}</span> : null}
                      </th>
                      <td>{t(`housing.queue.wishes.${e.wish}`)}</td>
                      <td className="nowrap">{formatDate(e.joined_on)}</td>
                      <td className="nowrap meter">{e.waiting_days != null ? t('common.days', { count: e.waiting_days }) : '–'}</td>
                      <td>
                        {t(`housing.queue.statuses.${e.status}`)}
                        {e.notified_on ? <div className="muted">{t('housing.queue.notifiedOn', { date: formatDate(e.notified_on) })}</div> : null}
                      </td>
                      {manage ? (
                        <td>
                          <div className="card__actions">
                            {e.status === 'waiting' || e.status === 'notified' ? act('edit', t('common.edit')) : null}
                            {e.status === 'waiting' ? act('notify', t('housing.queue.notify')) : null}
                            {e.status === 'waiting' || e.status === 'notified' ? act('move_in', t('housing.queue.moveIn')) : null}
                            {e.status === 'waiting' || e.status === 'notified' ? act('remove', t('housing.queue.remove'), 'button--danger-outline') : null}
                          </div>
                        </td>
                      ) : null}
                    </tr>
                    {isOpen && open ? (
                      <tr>
                        <td colSpan={manage ? 7 : 6}>
                          {open.action === 'edit' ? (
                            <QueueEntryEdit
                              record={e}
                              queryKey={housingKeys.queue(queueQuery)}
                              onSaved={(m) => {
                                setOpen(null);
                                setNotice(m);
                                focusLater(`queue-edit-${e.id}`);
                              }}
                              onCancel={() => {
                                setOpen(null);
                                focusLater(`queue-edit-${e.id}`);
                              }}
                            />
                          ) : (
                          <QueueEntryActions
                            entry={e}
                            action={open.action}
                            name={name}
                            onDone={(m) => {
                              setOpen(null);
                              setNotice(m);
                            }}
                            onCancel={() => setOpen(null)}
                            onReload={() => void query.refetch()}
                          />
                          )}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {manage && unitId ? <DrawForm unitId={unitId} /> : null}
    </section>
  );
}
