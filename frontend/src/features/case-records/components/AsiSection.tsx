import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/Status';
import { todayIso } from '../../../lib/dates';
import { formatDate } from '../../../lib/format';
import { textOrNull } from '../../../lib/form-errors';
import { useStaffNames } from '../../participants';
import { RecordEditForm } from '../../../components/RecordEditForm';
import type { FieldSpec } from '../../../lib/record-edit';
import { useFreshFromList } from '../../../lib/use-fresh-record';
import { recordKeys, updateAsi, useAsiInterviews, useCreateAsi, useRefreshRecords } from '../case-records-api';
import { ASI_AREAS, ASI_KINDS } from '../enums';
import { asiChecks, asiToForm, formToAsiInput, ratingField, type AsiEditValues } from '../record-edit';
import { useFocusLater } from '../../../lib/use-focus-later';

type Ratings = Record<Schema<'AsiArea'>, { interviewer: string; participant: string }>;
const emptyRatings = () => Object.fromEntries(ASI_AREAS.map((a) => [a, { interviewer: '', participant: '' }])) as Ratings;

/** ASI interviews (baseline and follow-ups) with ratings per life area and the change since the baseline. */
export function AsiSection({ participantId, writer, onNotice }: { participantId: string; writer: boolean; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const staff = useStaffNames();
  const list = useAsiInterviews(participantId);
  const create = useCreateAsi(participantId);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Schema<'AsiKind'>>('baseline');
  const [on, setOn] = useState(todayIso());
  const [ratings, setRatings] = useState<Ratings>(emptyRatings);
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const fresh = useFreshFromList();
  const refresh = useRefreshRecords(participantId);
  const editFields: FieldSpec<AsiEditValues>[] = [
    { name: 'kind', label: t('records.asi.kind'), type: 'select', options: ASI_KINDS.map((k) => ({ value: k, label: t(`records.asi.kinds.${k}`) })) },
    { name: 'interviewed_on', label: t('records.asi.on'), type: 'date', required: true },
    { name: 'intervention_code', label: t('records.asi.interventionCode') },
    ...ASI_AREAS.flatMap((a) =>
      (['interviewer', 'participant'] as const).map((who) => ({
        name: ratingField(a, who),
        label: t('records.asi.ratingLabel', { area: t(`records.asi.areas.${a}`), who: t(`records.asi.${who}`) }),
        type: 'number' as const,
        min: 0,
      })),
    ),
    { name: 'note', label: t('common.noteOptional'), type: 'textarea' },
  ];
  const closeEdit = (id: string) => {
    setEditing(null);
    focusLater(`asi-edit-button-${id}`);
  };
  const setRating = (area: Schema<'AsiArea'>, who: 'interviewer' | 'participant', v: string) => setRatings((r) => ({ ...r, [area]: { ...r[area], [who]: v } }));

  return (
    <Section
      id="asi"
      title={t('records.asi.title')}
      actions={
        writer ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('records.asi.new')}
          </button>
        ) : null
      }
    >
      {open ? (
        <form
          className="form"
          aria-label={t('records.asi.new')}
          onSubmit={(e) => {
            e.preventDefault();
            const rated = ASI_AREAS.filter((a) => ratings[a].interviewer !== '' || ratings[a].participant !== '').map((a) => ({
              area: a,
              interviewer_severity: Number(ratings[a].interviewer || 0),
              participant_rating: Number(ratings[a].participant || 0),
            }));
            create.mutate(
              { kind, interviewed_on: on, ratings: rated, note: textOrNull(note) },
              {
                onSuccess: () => {
                  setOpen(false);
                  setRatings(emptyRatings());
                  setNote('');
                  onNotice(t('records.asi.saved'));
                },
              },
            );
          }}
        >
          {create.error ? <ProblemAlert error={create.error} /> : null}
          <div className="grid">
            <div className="field">
              <label htmlFor="asi-kind" className="field__label">
                {t('records.asi.kind')}
              </label>
              <select id="asi-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as Schema<'AsiKind'>)}>
                {ASI_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`records.asi.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="asi-on" className="field__label">
                {t('records.asi.on')}
              </label>
              <input id="asi-on" type="date" className="input" required value={on} onChange={(e) => setOn(e.target.value)} />
            </div>
          </div>
          <div className="table-wrap">
            <table className="table">
              <caption>{t('records.asi.ratingsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('records.asi.area')}</th>
                  <th scope="col">{t('records.asi.interviewer')}</th>
                  <th scope="col">{t('records.asi.participant')}</th>
                </tr>
              </thead>
              <tbody>
                {ASI_AREAS.map((a) => (
                  <tr key={a}>
                    <th scope="row">{t(`records.asi.areas.${a}`)}</th>
                    <td>
                      <input
                        type="number"
                        min={0}
                        max={9}
                        className="input input--inline"
                        aria-label={`${t(`records.asi.areas.${a}`)}: ${t('records.asi.interviewer')}`}
                        value={ratings[a].interviewer}
                        onChange={(e) => setRating(a, 'interviewer', e.target.value)}
                      />
                    </td>
                    <td>
                      <input
                        type="number"
                        min={0}
                        max={4}
                        className="input input--inline"
                        aria-label={`${t(`records.asi.areas.${a}`)}: ${t('records.asi.participant')}`}
                        value={ratings[a].participant}
                        onChange={(e) => setRating(a, 'participant', e.target.value)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="field">
            <label htmlFor="asi-note" className="field__label">
              {t('common.noteOptional')}
            </label>
            <textarea id="asi-note" className="input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              {t('records.asi.submit')}
            </button>
          </div>
        </form>
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <p>{t('records.asi.none')}</p> : null}
      {list.data?.items.map((i) => {
        const change = new Map((i.change_from_baseline ?? []).map((c) => [c.area, c]));
        const caption = `${t(`records.asi.kinds.${i.kind}`)} ${formatDate(i.interviewed_on)} (${staff.name(i.interviewer_id)})`;
        return (
          <div key={i.id}>
          <div className="table-wrap">
            <table className="table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('records.asi.area')}</th>
                  <th scope="col" className="num">
                    {t('records.asi.interviewer')}
                  </th>
                  <th scope="col" className="num">
                    {t('records.asi.participant')}
                  </th>
                  {i.change_from_baseline ? (
                    <th scope="col" className="num">
                      {t('records.asi.change')}
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {i.ratings.map((r) => {
                  const c = change.get(r.area);
                  return (
                    <tr key={r.area}>
                      <th scope="row">{t(`records.asi.areas.${r.area}`)}</th>
                      <td className="num">{r.interviewer_severity}</td>
                      <td className="num">{r.participant_rating}</td>
                      {i.change_from_baseline ? (
                        <td className="num">{c ? `${c.interviewer_severity_change > 0 ? '+' : ''}${c.interviewer_severity_change} / ${c.participant_rating_change > 0 ? '+' : ''}${c.participant_rating_change}` : ''}</td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {writer && editing !== i.id ? (
            <div className="form__actions">
              <button id={`asi-edit-button-${i.id}`} type="button" className="button button--small" onClick={() => setEditing(i.id)}>
                {t('records.asi.edit')}
                <span className="visually-hidden"> – {caption}</span>
              </button>
            </div>
          ) : null}
          {editing === i.id ? (
            <RecordEditForm<Schema<'AsiView'>, AsiEditValues>
              idPrefix={`asi-edit-${i.id}`}
              title={t('records.asi.editTitle')}
              record={i}
              toForm={asiToForm}
              fields={editFields}
              validate={asiChecks}
              fresh={() => fresh<Schema<'AsiView'>>(recordKeys.asi(participantId), i.id)}
              save={(v, version) => updateAsi(i.id, formToAsiInput(i, v), version)}
              onSaved={() => {
                void refresh();
                closeEdit(i.id);
                onNotice(t('records.asi.edited'));
              }}
              onCancel={() => closeEdit(i.id)}
            />
          ) : null}
          </div>
        );
      })}
    </Section>
  );
}
