import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { QUEUE_WISHES } from '../../../api/enums';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { paths } from '../../../config/paths';
import { textOrNull } from '../../../lib/form-errors';
import { useCreateDraw } from '../housing-api';
import { parseSeed } from '../queue';

export function DrawForm({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const draw = useCreateDraw();
  const [size, setSize] = useState('5');
  const [seed, setSeed] = useState('');
  const [wish, setWish] = useState('');
  const [onlyReady, setOnlyReady] = useState(true);
  const [note, setNote] = useState('');
  const [seedError, setSeedError] = useState(false);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = parseSeed(seed);
    if (parsed === 'invalid') {
      setSeedError(true);
      document.getElementById('draw-seed')?.focus();
      return;
    }
    setSeedError(false);
    draw.mutate(
      { unit_id: unitId, size: Number(size), seed: parsed, wish: (wish || null) as Schema<'QueueWish'> | null, only_ready: onlyReady, note: textOrNull(note) },
      { onSuccess: (d) => void navigate(paths.housingDraw.href(d.id)) },
    );
  };

  return (
    <Section id="draw" title={t('housing.draw.title')}>
      <p className="muted">{t('housing.draw.intro')}</p>
      {draw.error ? <ProblemAlert error={draw.error} /> : null}
      <form className="form" noValidate onSubmit={submit}>
        <div className="grid">
          <div className="field">
            <label htmlFor="draw-size" className="field__label">
              {t('housing.draw.size')}
            </label>
            <input id="draw-size" type="number" min={1} className="input" value={size} onChange={(e) => setSize(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="draw-seed" className="field__label">
              {t('housing.draw.seed')}
            </label>
            <p id="draw-seed-hint" className="field__hint">
              {t('housing.draw.seedHint')}
            </p>
            <input
              id="draw-seed"
              inputMode="numeric"
              className="input"
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
              aria-invalid={seedError || undefined}
              aria-describedby={`draw-seed-hint${seedError ? ' draw-seed-error' : ''}`}
            />
            {seedError ? (
              <p id="draw-seed-error" className="field__error">
                {t('housing.draw.seedInvalid')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="draw-wish" className="field__label">
              {t('housing.draw.wish')}
            </label>
            <select id="draw-wish" className="input" value={wish} onChange={(e) => setWish(e.target.value)}>
              <option value="">{t('housing.draw.anyWish')}</option>
              {QUEUE_WISHES.map((w) => (
                <option key={w} value={w}>
                  {t(`housing.queue.wishes.${w}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--checkbox">
            <input id="draw-only-ready" type="checkbox" checked={onlyReady} onChange={(e) => setOnlyReady(e.target.checked)} />
            <label htmlFor="draw-only-ready">{t('housing.draw.onlyReady')}</label>
          </div>
          <div className="field grid__full">
            <label htmlFor="draw-note" className="field__label">
              {t('housing.draw.note')}
            </label>
            <input id="draw-note" className="input" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={draw.isPending}>
            {t('housing.draw.submit')}
          </button>
        </div>
      </form>
    </Section>
  );
}
