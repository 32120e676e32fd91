import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import { REMOVAL_REASONS } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StaleAlert } from '../../../components/StaleAlert';
import { todayIso } from '../../../lib/dates';
import { textOrNull } from '../../../lib/form-errors';
import { useApartments, useQueueAction } from '../housing-api';

export type EntryAction = 'notify' | 'move_in' | 'remove';

interface Props {
  entry: Schema<'QueueEntryView'>;
  action: EntryAction;
  name: string;
  onDone: (message: string) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** The form for one queue decision: notify, move in (choosing an available apartment) or remove. */
export function QueueEntryActions({ entry, action, name, onDone, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const mutation = useQueueAction(entry.id);
  const apartments = useApartments({ status: 'available' });
  const [date, setDate] = useState(todayIso());
  const [apartmentId, setApartmentId] = useState('');
  const [takeover, setTakeover] = useState('');
  const [reason, setReason] = useState<Schema<'RemovalReason'>>('chose_not_to');
  const [note, setNote] = useState('');
  const stale = isApiProblem(mutation.error) && mutation.error.status === 412;
  // Apartments of the wished kind first; any available apartment may be chosen.
  const available = [...(apartments.data?.items ?? [])].sort((a, b) => Number(b.kind === entry.wish) - Number(a.kind === entry.wish) || a.address.localeCompare(b.address, 'sv'));
  const prefix = `q-${entry.id}`;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const done = () => onDone(t(`housing.queue.done.${action}`));
    if (action === 'notify') mutation.mutate({ kind: 'notify', body: { notified_on: date, version: entry.version } }, { onSuccess: done });
    if (action === 'move_in')
      mutation.mutate(
        { kind: 'move_in', body: { apartment_id: apartmentId, move_in_on: date, planned_takeover_on: takeover || null, version: entry.version } },
        { onSuccess: done },
      );
    if (action === 'remove') mutation.mutate({ kind: 'remove', body: { reason, removed_on: date, note: textOrNull(note), version: entry.version } }, { onSuccess: done });
  };

  const title = action === 'notify' ? t('housing.queue.notify') : action === 'move_in' ? t('housing.queue.moveIn') : t('housing.queue.remove');
  const confirm = action === 'notify' ? t('housing.queue.confirmNotify') : action === 'move_in' ? t('housing.queue.confirmMoveIn') : t('housing.queue.confirmRemove');

  return (
    <form className="form" onSubmit={submit} aria-label={`${title}: ${name}`}>
      {stale ? <StaleAlert onReload={() => { mutation.reset(); onReload(); }} /> : mutation.error ? <ProblemAlert error={mutation.error} /> : null}
      <div className="inline-form">
        {action === 'move_in' ? (
          <div className="field">
            <label htmlFor={`${prefix}-apartment`} className="field__label">
              {t('housing.queue.apartment')}
            </label>
            <select id={`${prefix}-apartment`} className="input" required value={apartmentId} onChange={(e) => setApartmentId(e.target.value)} aria-describedby={available.length ? undefined : `${prefix}-none`}>
              <option value="">{t('form.choose')}</option>
              {available.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.address} ({t(`housing.kinds.${a.kind}`)})
                </option>
              ))}
            </select>
            {apartments.data && !available.length ? (
              <p id={`${prefix}-none`} className="field__hint">
                {t('housing.queue.noApartments')}
              </p>
            ) : null}
          </div>
        ) : null}
        {action === 'remove' ? (
          <div className="field">
            <label htmlFor={`${prefix}-reason`} className="field__label">
              {t('housing.queue.reason')}
            </label>
            <select id={`${prefix}-reason`} className="input" value={reason} onChange={(e) => setReason(e.target.value as Schema<'RemovalReason'>)}>
              {REMOVAL_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`housing.queue.removalReasons.${r}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${prefix}-date`} className="field__label">
            {action === 'move_in' ? t('housing.queue.moveInOn') : action === 'notify' ? t('housing.queue.notifyOn') : t('common.date')}
          </label>
          <input id={`${prefix}-date`} type="date" className="input" value={date} onChange={(e) => setDate(e.target.value)} required />
        </div>
        {action === 'move_in' ? (
          <div className="field">
            <label htmlFor={`${prefix}-takeover`} className="field__label">
              {t('housing.queue.plannedTakeover')}
            </label>
            <input id={`${prefix}-takeover`} type="date" className="input" value={takeover} onChange={(e) => setTakeover(e.target.value)} />
          </div>
        ) : null}
        {action === 'remove' ? (
          <div className="field">
            <label htmlFor={`${prefix}-note`} className="field__label">
              {t('common.noteOptional')}
            </label>
            <input id={`${prefix}-note`} className="input" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        ) : null}
        <button type="submit" className={`button ${action === 'remove' ? 'button--danger' : 'button--primary'}`} disabled={mutation.isPending}>
          {confirm}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
