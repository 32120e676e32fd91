import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/Section';
import { todayIso } from '../../../lib/dates';
import type { ReferralAction } from '../referrals-api';

interface Props {
  action: ReferralAction;
  pending: boolean;
  onConfirm: (on: string, note: string) => void;
  onCancel: () => void;
}

/** The date and note of one referral step, confirmed explicitly. */
export function ReferralActionForm({ action, pending, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const [on, setOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const label = t(`referrals.actions.${action}`);
  return (
    <Section id={`referral-action-${action}`} title={label} level={3} focusOnMount>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(on, note);
        }}
      >
        <div className="grid">
          <div className="field">
            <label htmlFor="referral-step-on" className="field__label">
              {t(`referrals.actions.on.${action}`)}
            </label>
            <input id="referral-step-on" type="date" className="input" value={on} onChange={(e) => setOn(e.target.value)} required />
          </div>
          <div className="field grid__full">
            <label htmlFor="referral-step-note" className="field__label">
              {t('common.noteOptional')}
            </label>
            <textarea id="referral-step-note" className="input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={pending}>
            {t('referrals.actions.confirm', { action: label })}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </Section>
  );
}
