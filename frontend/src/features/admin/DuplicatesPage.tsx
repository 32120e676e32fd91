import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { formatNumber } from '../../lib/format';
import { useDuplicateSearch, useMergeParticipants, useUndoMerge } from './admin-api';
import { AdminNav } from './components/AdminNav';
import { canMerge, duplicateQuery, movedSummary, type DuplicateQuery, type DuplicateSearch } from './merge-logic';

const EMPTY: DuplicateSearch = { personal_identity_number: '', first_name: '', last_name: '', date_of_birth: '' };
const FIELDS = ['personal_identity_number', 'first_name', 'last_name', 'date_of_birth'] as const;

/**
 * Duplicates (administrators): search for records of one person, choose the one to keep and the
 * duplicate, confirm, and undo the merge if it was wrong. Administrators see ids only.
 */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const [form, setForm] = useState<DuplicateSearch>(EMPTY);
  const [query, setQuery] = useState<DuplicateQuery | null>(null);
  const [formError, setFormError] = useState(false);
  const [keep, setKeep] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [merge, setMerge] = useState<Schema<'MergeView'> | null>(null);
  const search = useDuplicateSearch(query);
  const merging = useMergeParticipants();
  const undo = useUndoMerge();
  const items = search.data?.items ?? [];

  const choose = (next: { keep?: string; from?: string }) => {
    if (next.keep !== undefined) setKeep(next.keep);
    if (next.from !== undefined) setFrom(next.from);
    setConfirming(false);
  };

  return (
    <section>
      <PageHeading>{t('admin.duplicates.title')}</PageHeading>
      <AdminNav />
      <p className="muted">{t('admin.duplicates.intro')}</p>
      <form
        role="search"
        className="card form"
        aria-labelledby="duplicates-search-title"
        onSubmit={(e) => {
          e.preventDefault();
          const q = duplicateQuery(form);
          setFormError(q === null);
          setQuery(q);
          setKeep(null);
          setFrom(null);
          setConfirming(false);
          setMerge(null);
          merging.reset();
          undo.reset();
        }}
      >
        <h2 id="duplicates-search-title" className="card__title">
          {t('admin.duplicates.search')}
        </h2>
        <p className="muted" id="duplicates-search-hint">
          {t('admin.duplicates.searchHint')}
        </p>
        {formError ? (
          <p role="alert" className="alert alert--error">
            {t('admin.duplicates.searchHint')}
          </p>
        ) : null}
        <div className="grid">
          {FIELDS.map((f) => (
            <div className="field" key={f}>
              <label htmlFor={`dup-${f}`} className="field__label">
                {t(`admin.duplicates.fields.${f}`)}
              </label>
              <input
                id={`dup-${f}`}
                className="input"
                type={f === 'date_of_birth' ? 'date' : 'text'}
                aria-describedby="duplicates-search-hint"
                value={form[f]}
                onChange={(e) => setForm({ ...form, [f]: e.target.value })}
              />
            </div>
          ))}
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            {t('admin.duplicates.find')}
          </button>
        </div>
      </form>

      {search.isFetching ? <Loading /> : null}
      {search.error ? <ProblemAlert error={search.error} /> : null}
      {query && search.data && !merge ? (
        items.length < 2 ? (
          <p role="status">{t('admin.duplicates.none', { count: items.length })}</p>
        ) : (
          <div className="card">
            <h2 className="card__title">{t('admin.duplicates.found', { count: items.length })}</h2>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('admin.duplicates.found', { count: items.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.duplicates.record')}</th>
                    <th scope="col">{t('admin.duplicates.likeness')}</th>
                    <th scope="col">{t('admin.duplicates.keep')}</th>
                    <th scope="col">{t('admin.duplicates.mergeAway')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">
                        <code>{m.id}</code>
                      </th>
                      <td>{t(`admin.duplicates.likenessValues.${m.likeness}`)}</td>
                      <td>
                        <input
                          type="radio"
                          name="dup-keep"
                          aria-label={t('admin.duplicates.keepLabel', { id: m.id })}
                          checked={keep === m.id}
                          onChange={() => choose({ keep: m.id })}
                        />
                      </td>
                      <td>
                        <input
                          type="radio"
                          name="dup-from"
                          aria-label={t('admin.duplicates.mergeAwayLabel', { id: m.id })}
                          checked={from === m.id}
                          onChange={() => choose({ from: m.id })}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {keep && keep === from ? (
              <p role="alert" className="alert alert--error">
                {t('admin.duplicates.same')}
              </p>
            ) : null}
            {!confirming ? (
              <div className="card__actions">
                <button type="button" className="button button--primary" disabled={!canMerge(keep, from)} onClick={() => setConfirming(true)}>
                  {t('admin.duplicates.merge')}
                </button>
              </div>
            ) : (
              <div role="alertdialog" aria-labelledby="merge-confirm-title" aria-describedby="merge-confirm-text" className="card card--nested">
                <h3 id="merge-confirm-title" className="card__title">
                  {t('admin.duplicates.confirmTitle')}
                </h3>
                <p id="merge-confirm-text">{t('admin.duplicates.confirmText', { from, keep })}</p>
                {merging.error ? <ProblemAlert error={merging.error} /> : null}
                <div className="card__actions">
                  <button
                    type="button"
                    className="button button--danger"
                    disabled={merging.isPending}
                    onClick={() =>
                      merging.mutate({ into_id: keep!, from_id: from! }, { onSuccess: (m) => { setMerge(m); setConfirming(false); } })
                    }
                  >
                    {t('admin.duplicates.confirm')}
                  </button>
                  <button type="button" className="button" onClick={() => { setConfirming(false); merging.reset(); }}>
                    {t('admin.duplicates.cancel')}
                  </button>
                </div>
              </div>
            )}
          </div>
        )
      ) : null}

      {merge ? <MergeResult merge={merge} undo={undo} onUndone={setMerge} /> : null}
    </section>
  );
}

function MergeResult({
  merge,
  undo,
  onUndone,
}: {
  merge: Schema<'MergeView'>;
  undo: ReturnType<typeof useUndoMerge>;
  onUndone: (m: Schema<'MergeView'>) => void;
}) {
  const { t } = useTranslation();
  const { rows, total } = movedSummary(merge.moved);
  const undone = !!merge.undone_at;
  return (
    <div className="card">
      <SuccessMessage>{undone ? t('admin.duplicates.undone') : t('admin.duplicates.merged', { count: total })}</SuccessMessage>
      <p>{t(undone ? 'admin.duplicates.undoneText' : 'admin.duplicates.mergedText', { from: merge.from_id, keep: merge.into_id })}</p>
      {rows.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('admin.duplicates.moved')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.duplicates.table')}</th>
                <th scope="col">{t('admin.duplicates.rows')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.table}>
                  <th scope="row">{r.table}</th>
                  <td>{formatNumber(r.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {undo.error ? <ProblemAlert error={undo.error} /> : null}
      {!undone ? (
        <div className="card__actions">
          <button type="button" className="button" disabled={undo.isPending} onClick={() => undo.mutate(merge.id, { onSuccess: onUndone })}>
            {t('admin.duplicates.undo')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
