import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { formatDate } from '../../lib/format';
import { useStaff } from '../auth';
import { useParticipantNames } from '../participants';
import { HousingNav } from './components/HousingNav';
import { addToAttendance, attendanceBody, attendanceRows, canRunCourse, type AttendanceRow } from './course';
import { useCourseSession, useSetAttendance } from './housing-api';

/** `/housing/course/:id`: one session with its attendance; staff who run sessions record who came. */
export function CourseSessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const staff = useStaff();
  const session = useCourseSession(id);
  const s = session.data;
  return (
    <section>
      <p className="breadcrumb">
        <Link to={paths.housingCourse.href()}>{t('housing.course.title')}</Link>
      </p>
      <PageHeading documentTitle={t('housing.course.sessionTitle')}>{s?.title ?? t('housing.course.sessionTitle')}</PageHeading>
      <HousingNav />
      {session.isPending ? <Loading /> : null}
      {session.error ? <ProblemAlert error={session.error} /> : null}
      {s ? (
        <>
          <p>
            {t(`housing.course.kinds.${s.kind}`)} · {formatDate(s.held_on)}
            {s.leader ? ` · ${t('housing.course.ledBy', { leader: s.leader })}` : ''}
          </p>
          <AttendanceSection key={s.version} session={s} writer={canRunCourse(staff.role)} />
        </>
      ) : null}
    </section>
  );
}

function AttendanceSection({ session, writer }: { session: NonNullable<ReturnType<typeof useCourseSession>['data']>; writer: boolean }) {
  const { t } = useTranslation();
  const names = useParticipantNames();
  const save = useSetAttendance(session.id);
  const [rows, setRows] = useState<AttendanceRow[]>(() => attendanceRows(session));
  const [adding, setAdding] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const protectedRows = (session.attendance ?? []).filter((a) => !a.participant_id);
  const candidates = [...names.entries()].filter(([pid]) => !rows.some((r) => r.participant_id === pid)).sort((a, b) => a[1].localeCompare(b[1], 'sv'));

  return (
    <Section id="attendance" title={t('housing.course.attendance')}>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {save.error ? <ProblemAlert error={save.error} /> : null}
      {rows.length === 0 && protectedRows.length === 0 ? <p className="muted">{t('housing.course.noAttendance')}</p> : null}
      <form
        noValidate
        aria-label={t('housing.course.attendance')}
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          save.mutate(attendanceBody(rows), { onSuccess: () => setNotice(t('housing.course.attendanceSaved')) });
        }}
      >
        {rows.length || protectedRows.length ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('housing.course.attendance')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('housing.course.participant')}</th>
                  <th scope="col">{t('housing.course.attended')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.participant_id}>
                    <th scope="row">
                      <Link to={paths.participant.href(r.participant_id, 'housing')}>{r.name}</Link>
                    </th>
                    <td>
                      {writer ? (
                        <input
                          type="checkbox"
                          aria-label={`${t('housing.course.attended')}: ${r.name}`}
                          checked={r.attended}
                          onChange={(e) => setRows(rows.map((x) => (x.participant_id === r.participant_id ? { ...x, attended: e.target.checked } : x)))}
                        />
                      ) : r.attended ? (
                        t('common.yes')
                      ) : (
                        t('common.no')
                      )}
                    </td>
                  </tr>
                ))}
                {protectedRows.map((a, i) => (
                  <tr key={`protected-${i}`}>
                    <th scope="row">{a.name}</th>
                    <td>{a.attended ? t('common.yes') : t('common.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {writer ? (
          <>
            <div className="inline-form">
              <div className="field">
                <label htmlFor="attendance-add" className="field__label">
                  {t('housing.course.add')}
                </label>
                <select id="attendance-add" className="input" value={adding} onChange={(e) => setAdding(e.target.value)}>
                  <option value="">{t('form.choose')}</option>
                  {candidates.map(([pid, name]) => (
                    <option key={pid} value={pid}>
                      {name}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="button"
                disabled={!adding}
                onClick={() => {
                  setRows(addToAttendance(rows, adding, names.get(adding) ?? adding));
                  setAdding('');
                }}
              >
                {t('housing.course.addButton')}
              </button>
            </div>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={save.isPending || rows.length === 0}>
                {save.isPending ? t('form.saving') : t('housing.course.saveAttendance')}
              </button>
            </div>
          </>
        ) : null}
      </form>
    </Section>
  );
}
