import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import { SEARCH_OUTCOMES } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StaleAlert } from '../../../components/StaleAlert';
import { todayIso } from '../../../lib/dates';
import { formatDate } from '../../../lib/format';
import { useCloseSearchCase, useInvalidateSearchAndStays, useUpdateSearchCase } from '../housing-api';
import { closeCaseError } from '../search-stays';
import { SearchActionForm } from './SearchActionForm';
import { SearchCaseForm } from './SearchCaseForm';

type Mode = 'view' | 'edit' | 'action';

/** One search case: its state, outcome and logged actions; for writers "correct" and "log an action" (open cases) and closing. */
export function SearchCaseItem({ searchCase: c, canWrite, onNotice }: { searchCase: Schema<'SearchCaseView'>; canWrite: boolean; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('view');
  const update = useUpdateSearchCase(c.id);
  const refresh = useInvalidateSearchAndStays();
  // The version the user started correcting from (a change by someone else meanwhile gives 412).
  const [base, setBase] = useState(c.version);
  const label = `${c.referring_unit}, ${formatDate(c.opened_on)}`;
  const stale = isApiProblem(update.error) && update.error.status === 412;
  return (
    <li>
      <strong>{c.referring_unit}</strong> · {t(`housing.search.targetGroups.${c.target_group}`)} · {t('housing.search.since', { date: formatDate(c.opened_on) })}{' '}
      <span className={`badge badge--${c.status === 'open' ? 'active' : 'closed'}`}>{t(`housing.search.status.${c.status}`)}</span>
      {c.outcome ? (
        <span>
          {' '}
          {t(`housing.search.outcomes.${c.outcome}`)} {formatDate(c.outcome_on)}
          {c.days_to_housing != null ? ` (${t('common.days', { count: c.days_to_housing })})` : ''}
        </span>
      ) : null}
      {c.note ? <p className="muted">{c.note}</p> : null}
      {c.actions.length ? (
        <ul aria-label={t('housing.search.actionsOf', { case: label })}>
          {c.actions.map((a, i) => (
            <li key={i}>
              {formatDate(a.done_on)} · {t(`housing.search.actionKinds.${a.kind}`)}
              {a.note ? ` · ${a.note}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite && mode === 'view' ? (
        <div className="card__actions">
          <button
            type="button"
            className="button button--small"
            aria-label={`${t('housing.search.edit')}: ${label}`}
            onClick={() => {
              update.reset();
              setBase(c.version);
              setMode('edit');
            }}
          >
            {t('housing.search.edit')}
          </button>
          {c.status === 'open' ? (
            <button type="button" className="button button--small" aria-label={`${t('housing.search.logAction')}: ${label}`} onClick={() => setMode('action')}>
              {t('housing.search.logAction')}
            </button>
          ) : null}
          {c.status === 'open' ? <CloseCase searchCase={c} onNotice={onNotice} /> : null}
        </div>
      ) : null}
      {mode === 'edit' ? (
        <SearchCaseForm
          idPrefix={`edit-${c.id}`}
          initial={{ referring_unit: c.referring_unit, target_group: c.target_group, opened_on: c.opened_on, note: c.note ?? null }}
          submitLabel={t('housing.search.save')}
          pending={update.isPending}
          error={
            stale ? (
              <StaleAlert
                onReload={() => {
                  setMode('view');
                  void refresh();
                }}
              />
            ) : update.error ? (
              <ProblemAlert error={update.error} />
            ) : null
          }
          onSubmit={(body) =>
            update.mutate(
              { body, version: base },
              {
                onSuccess: () => {
                  setMode('view');
                  onNotice(t('housing.search.saved'));
                },
              },
            )
          }
          onCancel={() => setMode('view')}
        />
      ) : null}
      {mode === 'action' ? (
        <SearchActionForm
          searchCase={c}
          onCancel={() => setMode('view')}
          onDone={() => {
            setMode('view');
            onNotice(t('housing.search.actionLogged'));
          }}
        />
      ) : null}
    </li>
  );
}

function CloseCase({ searchCase, onNotice }: { searchCase: Schema<'SearchCaseView'>; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const close = useCloseSearchCase(searchCase.id);
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Schema<'SearchOutcome'>>('first_hand_lease');
  const [on, setOn] = useState(todayIso());
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  // The button that opened the form is gone: focus moves to the form's first field (keyboard users).
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  const id = searchCase.id;
  if (!open) {
    return (
      <button type="button" className="button button--small" onClick={() => setOpen(true)} aria-label={`${t('housing.search.close')}: ${searchCase.referring_unit}, ${formatDate(searchCase.opened_on)}`}>
        {t('housing.search.close')}
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const problem = closeCaseError(searchCase.opened_on, on, todayIso());
        setError(problem);
        if (problem) return;
        // The closed case loses this form once the list is refetched, so the notice goes through the
        // promise (a per-call onSuccess would not run after unmounting); the error shows from `close.error`.
        close.mutateAsync({ outcome, outcome_on: on, version: searchCase.version }).then(
          () => onNotice(t('housing.search.closed')),
          () => undefined,
        );
      }}
    >
      {close.error ? <ProblemAlert error={close.error} /> : null}
      <div className="field">
        <label htmlFor={`close-outcome-${id}`} className="field__label">
          {t('housing.search.outcome')}
        </label>
        <select ref={first} id={`close-outcome-${id}`} className="input" value={outcome} onChange={(e) => setOutcome(e.target.value as Schema<'SearchOutcome'>)}>
          {SEARCH_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`housing.search.outcomes.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`close-on-${id}`} className="field__label">
          {t('housing.search.outcomeOn')}
        </label>
        <input
          id={`close-on-${id}`}
          type="date"
          className="input"
          min={searchCase.opened_on}
          max={todayIso()}
          value={on}
          onChange={(e) => setOn(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `close-on-error-${id}` : undefined}
        />
        {error ? (
          <p id={`close-on-error-${id}`} className="field__error" role="alert">
            {t(`housing.search.errors.${error}` as 'housing.search.errors.required')}
          </p>
        ) : null}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary button--small" disabled={close.isPending}>
          {t('housing.search.submitClose')}
        </button>
        <button type="button" className="button button--small" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
