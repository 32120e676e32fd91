import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEMPORARY_STAY_KINDS } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { todayIso } from '../../../lib/dates';
import { formatDate, formatNumber } from '../../../lib/format';
import { useStaff } from '../../auth';
import { useEndStay, useRecordStay, useTemporaryStays } from '../housing-api';
import { canEndStay, canRecordSearchAndStays, endStayError, stayFormError, stayInput, stayState, type StayValues } from '../search-stays';

const EMPTY: StayValues = { kind: 'shelter', fromDate: '', toDate: '', costPerNight: '', provider: '' };

/** The participant's temporary stays (shelter, hotel …): record one, see each with its state and cost, end an ongoing one. */
export function TemporaryStaysSection({ participantId, onNotice }: { participantId: string; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const stays = useTemporaryStays(participantId);
  const record = useRecordStay();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<StayValues>({ ...EMPTY, fromDate: todayIso() });
  const [error, setError] = useState<ReturnType<typeof stayFormError>>(null);
  const canWrite = canRecordSearchAndStays(staff.role);
  const today = todayIso();
  const set = (patch: Partial<StayValues>) => setValues((v) => ({ ...v, ...patch }));
  const errorField = error === 'toBeforeFrom' ? 'to' : error;
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
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const problem = stayFormError(values);
            setError(problem);
            if (problem) return;
            record.mutate(stayInput(participantId, values), {
              onSuccess: () => {
                setOpen(false);
                setValues({ ...EMPTY, fromDate: todayIso() });
                onNotice(t('housing.stays.saved'));
              },
            });
          }}
        >
          {record.error ? <ProblemAlert error={record.error} /> : null}
          <div className="grid">
            <div className="field">
              <label htmlFor="stay-kind" className="field__label">
                {t('housing.stays.kind')}
              </label>
              <select id="stay-kind" className="input" value={values.kind} onChange={(e) => set({ kind: e.target.value as Schema<'TemporaryStayKind'> })}>
                {TEMPORARY_STAY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`housing.stays.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="stay-provider" className="field__label">
                {t('housing.stays.provider')}
              </label>
              <input id="stay-provider" className="input" value={values.provider} onChange={(e) => set({ provider: e.target.value })} />
            </div>
            {(['from', 'to', 'cost'] as const).map((f) => {
              const id = `stay-${f}`;
              const bad = errorField === f;
              const value = f === 'from' ? values.fromDate : f === 'to' ? values.toDate : values.costPerNight;
              const patch = (v: string): Partial<StayValues> => (f === 'from' ? { fromDate: v } : f === 'to' ? { toDate: v } : { costPerNight: v });
              return (
                <div className="field" key={f}>
                  <label htmlFor={id} className="field__label">
                    {t(`housing.stays.fields.${f}`)}
                  </label>
                  <input
                    id={id}
                    className="input"
                    type={f === 'cost' ? 'text' : 'date'}
                    inputMode={f === 'cost' ? 'numeric' : undefined}
                    value={value}
                    onChange={(e) => set(patch(e.target.value))}
                    aria-invalid={bad || undefined}
                    aria-describedby={bad ? `${id}-error` : f === 'to' ? `${id}-hint` : undefined}
                  />
                  {f === 'to' && !bad ? (
                    <p id={`${id}-hint`} className="field__hint">
                      {t('housing.stays.toHint')}
                    </p>
                  ) : null}
                  {bad && error ? (
                    <p id={`${id}-error`} className="field__error" role="alert">
                      {t(`housing.stays.errors.${error}`)}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={record.isPending}>
              {t('housing.stays.submit')}
            </button>
          </div>
        </form>
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
                    {canWrite ? <td>{canEndStay(s) ? <EndStay stay={s} onNotice={onNotice} /> : null}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
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
