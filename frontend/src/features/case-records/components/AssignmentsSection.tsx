import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../../api/client';
import type { Schema } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { StaleAlert } from '../../../components/StaleAlert';
import { Loading } from '../../../components/Status';
import { todayIso } from '../../../lib/dates';
import { formatDate } from '../../../lib/format';
import { useStaffNames } from '../../participants';
import { useAssignments, useCreateAssignment, useEndAssignment } from '../case-records-api';
import { ASSIGNMENT_KINDS } from '../enums';

/** Who works with the participant, in which capacity and since when; assign and end. */
export function AssignmentsSection({ participantId, writer, onNotice }: { participantId: string; writer: boolean; onNotice: (m: string) => void }) {
  const { t } = useTranslation();
  const staff = useStaffNames();
  const list = useAssignments(participantId);
  const create = useCreateAssignment(participantId);
  const end = useEndAssignment(participantId);
  const [open, setOpen] = useState(false);
  const [staffId, setStaffId] = useState('');
  const [kind, setKind] = useState<Schema<'AssignmentKind'>>('caseworker');
  const [start, setStart] = useState(todayIso());
  const stale = isApiProblem(end.error) && end.error.status === 412;
  return (
    <Section
      id="assignments"
      title={t('records.assignments.title')}
      actions={
        writer ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('records.assignments.new')}
          </button>
        ) : null
      }
    >
      {open ? (
        <form
          className="form"
          aria-label={t('records.assignments.new')}
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { staff_id: staffId, kind, start_date: start, end_date: null },
              {
                onSuccess: () => {
                  setOpen(false);
                  onNotice(t('records.assignments.saved'));
                },
              },
            );
          }}
        >
          {create.error ? <ProblemAlert error={create.error} /> : null}
          <div className="grid">
            <div className="field">
              <label htmlFor="assign-staff" className="field__label">
                {t('records.assignments.staff')}
              </label>
              <select id="assign-staff" className="input" required value={staffId} onChange={(e) => setStaffId(e.target.value)}>
                <option value="">{t('form.choose')}</option>
                {staff.staff
                  .filter((s) => s.active)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.display_name} ({t(`roles.${s.role}`)})
                    </option>
                  ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="assign-kind" className="field__label">
                {t('records.assignments.kind')}
              </label>
              <select id="assign-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as Schema<'AssignmentKind'>)}>
                {ASSIGNMENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`records.assignments.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="assign-start" className="field__label">
                {t('records.assignments.start')}
              </label>
              <input id="assign-start" type="date" className="input" required value={start} onChange={(e) => setStart(e.target.value)} />
            </div>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={create.isPending || !staffId}>
              {t('records.assignments.submit')}
            </button>
          </div>
        </form>
      ) : null}
      {stale ? <StaleAlert onReload={() => { end.reset(); void list.refetch(); }} /> : end.error ? <ProblemAlert error={end.error} /> : null}
      {list.isPending ? <Loading /> : null}
      {list.error ? <ProblemAlert error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <p>{t('records.assignments.none')}</p> : null}
      {list.data && list.data.items.length ? (
        <ul className="plain-list">
          {list.data.items.map((a) => (
            <li key={a.id}>
              <strong>{staff.name(a.staff_id)}</strong> – {t(`records.assignments.kinds.${a.kind}`)}{' '}
              <span className="muted">
                {formatDate(a.start_date)} – {formatDate(a.end_date)}
              </span>{' '}
              {a.current ? <span className="badge badge--active">{t('records.assignments.current')}</span> : null}{' '}
              {writer && !a.end_date ? (
                <button
                  type="button"
                  className="button button--small"
                  disabled={end.isPending}
                  aria-label={`${t('records.assignments.end')}: ${staff.name(a.staff_id)}`}
                  onClick={() => end.mutate({ id: a.id, body: { version: a.version, end_date: todayIso() } }, { onSuccess: () => onNotice(t('records.assignments.ended')) })}
                >
                  {t('records.assignments.end')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
