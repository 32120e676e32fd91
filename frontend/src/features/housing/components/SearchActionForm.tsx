import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_ACTION_KINDS } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { todayIso } from '../../../lib/dates';
import { textOrNull } from '../../../lib/form-errors';
import { useLogSearchAction } from '../housing-api';
import { closeCaseError } from '../search-stays';

/** Logs an action taken in an open search case (kind, day, note); the day is checked like the closing day. */
export function SearchActionForm({ searchCase, onDone, onCancel }: { searchCase: Schema<'SearchCaseView'>; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const log = useLogSearchAction(searchCase.id);
  const [kind, setKind] = useState<Schema<'SearchActionKind'>>('application');
  const [on, setOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const id = searchCase.id;
  return (
    <form
      className="inline-form"
      noValidate
      aria-label={t('housing.search.logAction')}
      onSubmit={(e) => {
        e.preventDefault();
        const problem = closeCaseError(searchCase.opened_on, on, todayIso());
        setError(problem);
        if (problem) return;
        log.mutate({ kind, done_on: on, note: textOrNull(note) }, { onSuccess: onDone });
      }}
    >
      {log.error ? <ProblemAlert error={log.error} /> : null}
      <div className="field">
        <label htmlFor={`action-kind-${id}`} className="field__label">
          {t('housing.search.actionKind')}
        </label>
        <select ref={first} id={`action-kind-${id}`} className="input" value={kind} onChange={(e) => setKind(e.target.value as Schema<'SearchActionKind'>)}>
          {SEARCH_ACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`housing.search.actionKinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`action-on-${id}`} className="field__label">
          {t('housing.search.doneOn')}
        </label>
        <input
          id={`action-on-${id}`}
          type="date"
          className="input"
          min={searchCase.opened_on}
          max={todayIso()}
          value={on}
          onChange={(e) => setOn(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `action-on-error-${id}` : undefined}
        />
        {error ? (
          <p id={`action-on-error-${id}`} className="field__error" role="alert">
            {t(`housing.search.errors.${error}` as 'housing.search.errors.required')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`action-note-${id}`} className="field__label">
          {t('housing.search.note')}
        </label>
        <input id={`action-note-${id}`} className="input" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary button--small" disabled={log.isPending}>
          {t('housing.search.submitAction')}
        </button>
        <button type="button" className="button button--small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
