import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  pending: boolean;
  onConfirm: (reason: string | null) => void;
  onCancel: () => void;
}

/** Confirms closing a participant's case, with an optional reason. */
export function CloseParticipantForm({ pending, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  return (
    <form
      className="card form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(reason.trim() || null);
      }}
    >
      <h2 id={`${id}-title`}>{t('participants.close.title')}</h2>
      <p>{t('participants.close.explain')}</p>
      <div className="field">
        <label htmlFor={`${id}-reason`} className="field__label">
          {t('participants.close.reason')}
        </label>
        <textarea id={`${id}-reason`} className="input" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--danger" disabled={pending}>
          {pending ? t('form.saving') : t('participants.close.confirm')}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={pending}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
