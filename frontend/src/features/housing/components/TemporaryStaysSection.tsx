import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { todayIso } from '../../../lib/dates';
import { formatDate, formatNumber } from '../../../lib/format';
import { useStaff } from '../../auth';
import { useEndStay, useRecordStay, useTemporaryStays } from '../housing-api';
import { CorrectStay } from './CorrectStay';
import { StayForm } from './StayForm';
import { canEndStay, canRecordSearchAndStays, endStayError, stayInput, stayState, type StayValues } from '../search-stays';

const EMPTY: StayValues = { kind: 'shelter', fromDate: '', toDate: '', costPerNight: '', provider: '' };

/** The participant's temporary stays (shelter, hotel …): record one, see each with its state and cost, correct one, end an ongoing one. */
export function TemporaryStaysSection({ participantId, onNotice }: { participantId: string; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const stays = useTemporaryStays(participantId);
  const record = useRecordStay();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<Schema<'TemporaryStayView'> | null>(null);
  const canWrite = canRecordSearchAndStays(staff.role);
  const today = todayIso();
  return (
    <Section
      id="temporary-stays-housing"
      title={t('housing.stays.title')}
      actions={
        canWrite ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('housing.stays.add')}
          </button>
        ) : null
      }
    >
      {stays.isPending ? <Loading /> : null}
      {stays.error ? <ProblemAlert error={stays.error} /> : null}
      {open ? (
        <StayForm
          idPrefix="stay"
          initial={{ ...EMPTY, fromDate: todayIso() }}
          submitLabel={t('housing.stays.submit')}
          pending={record.isPending}
          error={record.error ? <ProblemAlert error={record.error} /> : null}
          onSubmit={(values) =>
            record.mutate(stayInput(participantId, values), {
              onSuccess: () => {
                setOpen(false);
                onNotice(t('housing.stays.saved'));
              },
            })
          }
        />
      ) : null}
      {stays.data?.items.length === 0 ? <p className="muted">{t('housing.stays.none')}</p> : null}
      {stays.data?.items.length ? (
        // Focusable, so the table can be scrolled by keyboard on a narrow screen.
        <div className="table-wrap" role="region" aria-label={t('housing.stays.tableLabel')} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t('housing.stays.tableLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('housing.stays.kind')}</th>
                <th scope="col">{t('housing.stays.period')}</th>
                <th scope="col">{t('housing.stays.state')}</th>
                <th scope="col" className="num">
                  {t('housing.stays.nights')}
                </th>
                <th scope="col" className="num">
                  {t('housing.stays.cost')}
                </th>
                {canWrite ? <th scope="col">{t('housing.stays.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {stays.data.items.map((s) => {
                const state = stayState(s, today);
                return (
                  <tr key={s.id}>
                    <th scope="row">
                      {t(`housing.stays.kinds.${s.kind}`)}
                      {s.provider ? <span className="muted"> {s.provider}</span> : null}
                    </th>
                    <td className="nowrap">
                      {formatDate(s.from_date)} – {formatDate(s.to_date)}
                    </td>
                    <td>
                      <span className={`badge badge--${state === 'ended' ? 'closed' : 'active'}`}>{t(`housing.stays.states.${state}`)}</span>
                    </td>
                    <td className="num">{formatNumber(s.nights)}</td>
                    <td className="num">
                      {formatNumber(s.cost)} kr <span className="muted">({t('housing.stays.perNight', { cost: formatNumber(s.cost_per_night) })})</span>
                    </td>
                    {canWrite ? (
                      <td>
                        <div className="card__actions">
                          <button
                            type="button"
                            className="button button--small"
                            aria-label={`${t('housing.stays.edit')}: ${t(`housing.stays.kinds.${s.kind}`)} ${formatDate(s.from_date)}`}
                            onClick={() => setEditing(s)}
                          >
                            {t('housing.stays.edit')}
                          </button>
                          {canEndStay(s) ? <EndStay stay={s} onNotice={onNotice} /> : null}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? <CorrectStay key={editing.id} stay={editing} onDone={(m) => { setEditing(null); if (m) onNotice(m); }} /> : null}
    </Section>
  );
}

function EndStay({ stay, onNotice }: { stay: Schema<'TemporaryStayView'>; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const end = useEndStay(stay.id);
  const [open, setOpen] = useState(false);
  const [on, setOn] = useState(todayIso() < stay.from_date ? stay.from_date : todayIso());
  const [error, setError] = useState<ReturnType<typeof endStayError>>(null);
  const first = useRef<HTMLInputElement>(null);
  // The button that opened the form is gone: focus moves to the form's field (keyboard users).
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  const id = `end-stay-${stay.id}`;
  if (!open) {
    return (
      <button type="button" className="button button--small" onClick={() => setOpen(true)} aria-label={`${t('housing.stays.end')}: ${t(`housing.stays.kinds.${stay.kind}`)} ${formatDate(stay.from_date)}`}>
        {t('housing.stays.end')}
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const problem = endStayError(stay.from_date, on);
        setError(problem);
        if (problem) return;
        // The row loses its end button once the list is refetched, so the notice goes through the promise
        // (a per-call onSuccess would not run after this form unmounts); the error shows from `end.error`.
        end.mutateAsync({ to_date: on, version: stay.version }).then(
          () => onNotice(t('housing.stays.ended')),
          () => undefined,
        );
      }}
    >
      {end.error ? <ProblemAlert error={end.error} /> : null}
      <div className="field">
        <label htmlFor={id} className="field__label">
          {t('housing.stays.leftOn')}
        </label>
        <input
          ref={first}
          id={id}
          type="date"
          className="input"
          min={stay.from_date}
          value={on}
          onChange={(e) => setOn(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} className="field__error" role="alert">
            {t(`housing.stays.errors.${error === 'beforeFrom' ? 'toBeforeFrom' : 'from'}`)}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button--primary button--small" disabled={end.isPending}>
        {t('housing.stays.submitEnd')}
      </button>
    </form>
  );
}
