import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_OUTCOMES, SEARCH_TARGET_GROUPS } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { todayIso } from '../../../lib/dates';
import { formatDate } from '../../../lib/format';
import { textOrNull } from '../../../lib/form-errors';
import { useStaff } from '../../auth';
import { useCloseSearchCase, useOpenSearchCase, useSearchCases } from '../housing-api';
import { canRecordSearchAndStays, closeCaseError } from '../search-stays';

/** The participant's housing search cases: open one, see each with its state, close an open one with its outcome. */
export function SearchCasesSection({ participantId, onNotice }: { participantId: string; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const cases = useSearchCases(participantId);
  const create = useOpenSearchCase();
  const [open, setOpen] = useState(false);
  const [unit, setUnit] = useState('');
  const [group, setGroup] = useState<Schema<'SearchTargetGroup'>>('young_adult');
  const [openedOn, setOpenedOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [unitMissing, setUnitMissing] = useState(false);
  const canWrite = canRecordSearchAndStays(staff.role);
  return (
    <Section
      id="housing-search"
      title={t('housing.search.title')}
      actions={
        canWrite ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('housing.search.open')}
          </button>
        ) : null
      }
    >
      {cases.isPending ? <Loading /> : null}
      {cases.error ? <ProblemAlert error={cases.error} /> : null}
      {open ? (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!unit.trim()) {
              setUnitMissing(true);
              return;
            }
            setUnitMissing(false);
            create.mutate(
              { participant_id: participantId, referring_unit: unit.trim(), target_group: group, opened_on: openedOn || null, note: textOrNull(note) },
              {
                onSuccess: () => {
                  setOpen(false);
                  setUnit('');
                  setNote('');
                  onNotice(t('housing.search.opened'));
                },
              },
            );
          }}
        >
          {create.error ? <ProblemAlert error={create.error} /> : null}
          <div className="grid">
            <div className="field">
              <label htmlFor="search-unit" className="field__label">
                {t('housing.search.referringUnit')}
              </label>
              <input
                id="search-unit"
                className="input"
                value={unit}
                onChange={(e) => setUnit(e.target.value)}
                aria-invalid={unitMissing || undefined}
                aria-describedby={unitMissing ? 'search-unit-error' : undefined}
                required
              />
              {unitMissing ? (
                <p id="search-unit-error" className="field__error" role="alert">
                  {t('housing.search.errors.unit')}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="search-group" className="field__label">
                {t('housing.search.targetGroup')}
              </label>
              <select id="search-group" className="input" value={group} onChange={(e) => setGroup(e.target.value as Schema<'SearchTargetGroup'>)}>
                {SEARCH_TARGET_GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {t(`housing.search.targetGroups.${g}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="search-opened" className="field__label">
                {t('housing.search.openedOn')}
              </label>
              <input id="search-opened" type="date" className="input" max={todayIso()} value={openedOn} onChange={(e) => setOpenedOn(e.target.value)} />
            </div>
            <div className="field grid__full">
              <label htmlFor="search-note" className="field__label">
                {t('housing.search.note')}
              </label>
              <textarea id="search-note" rows={2} className="input" value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              {t('housing.search.submit')}
            </button>
          </div>
        </form>
      ) : null}
      {cases.data?.items.length === 0 ? <p className="muted">{t('housing.search.none')}</p> : null}
      <ul className="plain-list" aria-label={t('housing.search.title')}>
        {cases.data?.items.map((c) => (
          <li key={c.id}>
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
            {c.status === 'open' && canWrite ? <CloseCase searchCase={c} onNotice={onNotice} /> : null}
          </li>
        ))}
      </ul>
    </Section>
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
