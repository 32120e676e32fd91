import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { RecordEditForm } from '../../../components/RecordEditForm';
import { Section } from '../../../components/Section';
import { Loading, SuccessMessage } from '../../../components/Status';
import { formatDate } from '../../../lib/format';
import { textOrNull } from '../../../lib/form-errors';
import type { FieldSpec } from '../../../lib/record-edit';
import { useStaff } from '../../auth';
import { canWriteEvaluations, currentHalfYear, isHalfYear, onTimeShare } from '../programme-form';
import { fetchMethodEvaluation, programmeKeys, updateMethodEvaluation, useCreateMethodEvaluation, useMethodEvaluations } from '../programmes-api';
import { useFocusLater } from '../../../lib/use-focus-later';

type Evaluation = Schema<'MethodEvaluationView'>;
type EvaluationValues = { evaluation: string };
const FIGURES = [
  'plans_written',
  'reviews_due',
  'reviews_on_time',
  'reviews_late',
  'reviews_missing',
  'goals_assessed',
  'goals_achieved',
  'goals_partly_achieved',
  'goals_not_achieved',
] as const satisfies readonly (keyof Schema<'MethodFigures'>)[];

/**
 * A programme's half-year method evaluations: the figures the server computed from the plans and
 * the unit's own text. The unit's manager creates one per half-year and edits its text.
 */
export function MethodEvaluationsSection({ programme }: { programme: Schema<'ProgrammeView'> }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const queryClient = useQueryClient();
  const list = useMethodEvaluations(programme.id, true);
  const create = useCreateMethodEvaluation(programme.id);
  const writer = canWriteEvaluations(staff, programme.unit_id);
  const [open, setOpen] = useState(false);
  const [halfYear, setHalfYear] = useState(currentHalfYear());
  const [text, setText] = useState('');
  const [halfYearError, setHalfYearError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const [notice, setNotice] = useState<string | null>(null);
  const fields: FieldSpec<EvaluationValues>[] = [{ name: 'evaluation', label: t('programmes.evaluations.text'), type: 'textarea' }];
  const serverHalfYearError = isApiProblem(create.error) ? create.error.errors.find((e) => e.field === 'half_year')?.message : undefined;
  const hyError = halfYearError ?? serverHalfYearError;

  const closeEdit = (id: string, message: string | null) => {
    setEditing(null);
    setNotice(message);
    focusLater(`evaluation-edit-button-${id}`);
  };

  return (
    <Section
      id="method-evaluations"
      title={t('programmes.evaluations.title')}
      actions={
        writer ? (
          <button
            type="button"
            className="button button--small"
            aria-expanded={open}
            onClick={() => {
              setNotice(null);
              setOpen(!open);
            }}
          >
            {t('programmes.evaluations.new')}
          </button>
        ) : null
      }
    >
      <p className="muted">{t('programmes.evaluations.intro')}</p>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {open ? (
        <form
          className="form"
          noValidate
          aria-label={t('programmes.evaluations.new')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!isHalfYear(halfYear)) {
              setHalfYearError(t('programmes.evaluations.halfYearFormat'));
              document.getElementById('evaluation-half-year')?.focus();
              return;
            }
            setHalfYearError(null);
            create.mutate(
              { half_year: halfYear.trim(), evaluation: textOrNull(text) },
              {
                onSuccess: () => {
                  setOpen(false);
                  setText('');
                  setNotice(t('programmes.evaluations.created'));
                },
              },
            );
          }}
        >
          {create.error ? <ProblemAlert error={create.error} shownFields={new Set(['half_year'])} /> : null}
          <div className="grid">
            <div className={`field${hyError ? ' field--invalid' : ''}`}>
              <label htmlFor="evaluation-half-year" className="field__label">
                {t('programmes.evaluations.halfYear')} <span className="field__required">({t('form.required')})</span>
              </label>
              <div id="evaluation-half-year-hint" className="field__hint">
                {t('programmes.evaluations.halfYearHint')}
              </div>
              <input
                id="evaluation-half-year"
                className="input"
                aria-required
                aria-invalid={hyError ? true : undefined}
                aria-describedby={`evaluation-half-year-hint${hyError ? ' evaluation-half-year-error' : ''}`}
                value={halfYear}
                onChange={(e) => setHalfYear(e.target.value)}
              />
              {hyError ? (
                <p id="evaluation-half-year-error" className="field__error">
                  {hyError}
                </p>
              ) : null}
            </div>
            <div className="field grid__full">
              <label htmlFor="evaluation-text" className="field__label">
                {t('programmes.evaluations.text')}
              </label>
              <textarea id="evaluation-text" className="input" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
            </div>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              {create.isPending ? t('form.saving') : t('programmes.evaluations.create')}
            </button>
          </div>
        </form>
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <p>{t('programmes.evaluations.none')}</p> : null}
      {list.data?.items.map((ev: Evaluation) => {
        const share = onTimeShare(ev.figures);
        return (
          <article key={ev.id} className="evaluation" aria-labelledby={`evaluation-${ev.id}-title`}>
            <h3 id={`evaluation-${ev.id}-title`}>
              {t('programmes.evaluations.heading', { halfYear: ev.half_year, from: formatDate(ev.period.from), to: formatDate(ev.period.to) })}
            </h3>
            <div className="table-wrap">
              <table className="table">
                <caption>{t('programmes.evaluations.figuresCaption', { date: formatDate(ev.computed_on) })}</caption>
                <tbody>
                  {FIGURES.map((f) => (
                    <tr key={f}>
                      <th scope="row">{t(`programmes.evaluations.figures.${f}`)}</th>
                      <td className="num">{ev.figures[f]}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t('programmes.evaluations.onTimeShare')}</th>
                    <td className="num">{share === null ? '–' : `${share} %`}</td>
                  </tr>
                </tbody>
              </table>
            </div>
            <h4>{t('programmes.evaluations.text')}</h4>
            <p className="prewrap" data-testid="evaluation-text">
              {ev.evaluation ?? <span className="muted">{t('programmes.evaluations.noText')}</span>}
            </p>
            {writer && editing !== ev.id ? (
              <div className="form__actions">
                <button
                  id={`evaluation-edit-button-${ev.id}`}
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    setNotice(null);
                    setEditing(ev.id);
                  }}
                >
                  {t('programmes.evaluations.edit')}
                  <span className="visually-hidden"> – {ev.half_year}</span>
                </button>
              </div>
            ) : null}
            {editing === ev.id ? (
              <RecordEditForm<Evaluation, EvaluationValues>
                idPrefix={`evaluation-edit-${ev.id}`}
                draft={{ staffId: staff.id, key: `method-evaluation:edit:${ev.id}` }}
                title={t('programmes.evaluations.editTitle', { halfYear: ev.half_year })}
                record={ev}
                toForm={(x) => ({ evaluation: x.evaluation ?? '' })}
                fields={fields}
                fresh={() => fetchMethodEvaluation(ev.id)}
                save={(v, version) => updateMethodEvaluation(ev.id, { evaluation: textOrNull(v.evaluation) }, version)}
                onSaved={() => {
                  void queryClient.invalidateQueries({ queryKey: programmeKeys.evaluations(programme.id) });
                  closeEdit(ev.id, t('programmes.evaluations.saved'));
                }}
                onCancel={() => closeEdit(ev.id, null)}
              />
            ) : null}
          </article>
        );
      })}
    </Section>
  );
}
