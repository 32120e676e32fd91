import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { downloadRegisterExtract } from '../participants-api';

/**
 * "Registerutdrag": managers of the participant's unit and administrators save the register
 * extract (the readable HTML document, or JSON). Only rendered for those roles.
 */
export function RegisterExtract({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<'html' | 'json' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const save = async (format: 'html' | 'json') => {
    setBusy(format);
    setError(null);
    setDone(false);
    try {
      await downloadRegisterExtract(participantId, format);
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="register-extract">
      <button type="button" className="button" aria-expanded={open} aria-controls="register-extract-panel" onClick={() => setOpen((o) => !o)}>
        {t('participants.extract.open')}
      </button>
      {open ? (
        <div id="register-extract-panel" className="card" role="group" aria-labelledby="register-extract-title">
          <h2 id="register-extract-title" className="card__title">{t('participants.extract.title')}</h2>
          <p>{t('participants.extract.explain')}</p>
          <div className="card__actions">
            <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => void save('html')}>
              {busy === 'html' ? t('common.loading') : t('participants.extract.html')}
            </button>
            <button type="button" className="button" disabled={busy !== null} onClick={() => void save('json')}>
              {busy === 'json' ? t('common.loading') : t('participants.extract.json')}
            </button>
          </div>
          {done ? <p role="status">{t('participants.extract.saved')}</p> : null}
          {error ? <ProblemAlert error={error} /> : null}
        </div>
      ) : null}
    </div>
  );
}
