import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useApproveRetention, useRetentionCandidates } from './admin-api';
import { AdminNav } from './components/AdminNav';
import { MAX_APPROVAL, removedRows, selectedCandidates, toggle, toggleAll } from './retention-logic';

/**
 * Retention (gallring, managers): closed cases whose retention period has passed, with their last
 * entry; the manager selects cases and approves their removal after an explicit confirmation.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  const candidates = useRetentionCandidates();
  const approve = useApproveRetention();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [result, setResult] = useState<Schema<'RetentionResult'> | null>(null);
  const items = candidates.data?.items ?? [];
  const chosen = selectedCandidates(items, selected);
  const allSelected = items.length > 0 && items.every((c) => selected.has(c.participant_id));

  const change = (next: Set<string>) => {
    setSelected(next);
    setConfirming(false);
    setUnderstood(false);
    approve.reset();
  };

  return (
    <section>
      <PageHeading>{t('admin.retention.title')}</PageHeading>
      <AdminNav />
      {candidates.data ? (
        <p className="muted">{t('admin.retention.intro', { count: candidates.data.retention_years })}</p>
      ) : null}
      {result ? (
        <SuccessMessage>
          {t('admin.retention.removed', { count: result.removed.length, rows: formatNumber(removedRows(result)) })}
        </SuccessMessage>
      ) : null}
      {candidates.isPending ? <Loading /> : null}
      {candidates.error ? <ProblemAlert error={candidates.error} /> : null}
      {candidates.data && items.length === 0 ? <p role="status">{t('admin.retention.none')}</p> : null}
      {items.length ? (
        <div className="card">
          <div className="table-wrap">
            <table className="table">
              <caption>{t('admin.retention.caption', { count: items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input type="checkbox" aria-label={t('admin.retention.selectAll')} checked={allSelected} onChange={() => change(toggleAll(items, selected))} />
                  </th>
                  <th scope="col">{t('admin.retention.name')}</th>
                  <th scope="col">{t('admin.retention.closedOn')}</th>
                  <th scope="col">{t('admin.retention.lastEntry')}</th>
                  <th scope="col">{t('admin.retention.removableFrom')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => {
                  const name = `${c.first_name} ${c.last_name}`;
                  return (
                    <tr key={c.participant_id}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('admin.retention.select', { name })}
                          checked={selected.has(c.participant_id)}
                          onChange={() => change(toggle(selected, c.participant_id))}
                        />
                      </td>
                      <th scope="row">{name}</th>
                      <td className="nowrap">{formatDate(c.closed_on)}</td>
                      <td className="nowrap">{formatDateTime(c.last_entry_at)}</td>
                      <td className="nowrap">{formatDate(c.removable_from)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {!confirming ? (
            <div className="card__actions">
              <button
                type="button"
                className="button button--danger-outline"
                disabled={chosen.length === 0 || chosen.length > MAX_APPROVAL}
                onClick={() => setConfirming(true)}
              >
                {t('admin.retention.approve', { count: chosen.length })}
              </button>
            </div>
          ) : (
            <div role="alertdialog" aria-labelledby="retention-confirm-title" aria-describedby="retention-confirm-text" className="card card--nested">
              <h2 id="retention-confirm-title" className="card__title">
                {t('admin.retention.confirmTitle', { count: chosen.length })}
              </h2>
              <p id="retention-confirm-text">{t('admin.retention.confirmText', { count: chosen.length })}</p>
              <ul>
                {chosen.map((c) => (
                  <li key={c.participant_id}>
                    {c.first_name} {c.last_name}
                  </li>
                ))}
              </ul>
              <div className="field field--checkbox">
                <input id="retention-understood" type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
                <label htmlFor="retention-understood">{t('admin.retention.understood')}</label>
              </div>
              {approve.error ? <ProblemAlert error={approve.error} /> : null}
              <div className="card__actions">
                <button
                  type="button"
                  className="button button--danger"
                  disabled={!understood || approve.isPending}
                  onClick={() =>
                    approve.mutate(
                      chosen.map((c) => c.participant_id),
                      {
                        onSuccess: (r) => {
                          setResult(r);
                          setSelected(new Set());
                          setConfirming(false);
                          setUnderstood(false);
                        },
                      },
                    )
                  }
                >
                  {t('admin.retention.confirm', { count: chosen.length })}
                </button>
                <button type="button" className="button" onClick={() => change(selected)}>
                  {t('admin.retention.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}
