import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Schema } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { textOrNull } from '../../lib/form-errors';
import { isApiProblem } from '../../api/client';
import { useStaff } from '../auth';
import { HousingNav } from './components/HousingNav';
import { canRunCourse } from './course';
import { useCourseSessions, useCreateCourseSession } from './housing-api';

const KINDS = ['housing_course', 'group_session'] as const satisfies readonly Schema<'CourseSessionKind'>[];
const FIELDS = new Set(['unit_id', 'kind', 'number', 'held_on', 'leader', 'title']);

/** `/housing/course`: the housing course's four sessions and other group sessions of the user's units. */
export function CoursePage() {
  const { t } = useTranslation();
  const staff = useStaff();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind') ?? '';
  const kind = (KINDS as readonly string[]).includes(kindParam) ? (kindParam as Schema<'CourseSessionKind'>) : undefined;
  const sessions = useCourseSessions({ kind });
  const create = useCreateCourseSession();
  const writer = canRunCourse(staff.role);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [unitId, setUnitId] = useState(staff.units[0]?.id ?? '');
  const [newKind, setNewKind] = useState<Schema<'CourseSessionKind'>>('housing_course');
  const [number, setNumber] = useState('1');
  const [heldOn, setHeldOn] = useState(todayIso());
  const [leader, setLeader] = useState(staff.display_name);
  const [title, setTitle] = useState('');
  const fieldError = (f: string) => (isApiProblem(create.error) ? create.error.errors.find((e) => e.field === f)?.message : undefined);
  const describe = (id: string, f: string) => (fieldError(f) ? `${id}-error` : undefined);
  const err = (id: string, f: string) =>
    fieldError(f) ? (
      <p id={`${id}-error`} className="field__error">
        {fieldError(f)}
      </p>
    ) : null;
  const items = sessions.data?.items ?? [];

  return (
    <section>
      <div className="page-header">
        <PageHeading>{t('housing.course.title')}</PageHeading>
        {writer && !open ? (
          <div className="page-header__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setNotice(null);
                setOpen(true);
              }}
            >
              {t('housing.course.new')}
            </button>
          </div>
        ) : null}
      </div>
      <HousingNav />
      <p className="muted">{t('housing.course.intro')}</p>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {open ? (
        <Section id="course-new" title={t('housing.course.new')} focusOnMount>
          {create.error ? <ProblemAlert error={create.error} shownFields={FIELDS} /> : null}
          <form
            className="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(
                {
                  unit_id: unitId,
                  kind: newKind,
                  number: newKind === 'housing_course' ? Number(number) : null,
                  held_on: heldOn,
                  leader: leader.trim(),
                  title: textOrNull(title),
                },
                {
                  onSuccess: (s) => {
                    setOpen(false);
                    setTitle('');
                    setNotice(t('housing.course.created', { title: s.title }));
                  },
                },
              );
            }}
          >
            <div className="grid">
              {staff.units.length > 1 ? (
                <div className="field">
                  <label htmlFor="course-unit" className="field__label">
                    {t('housing.course.unit')}
                  </label>
                  <select id="course-unit" className="input" value={unitId} onChange={(e) => setUnitId(e.target.value)} aria-describedby={describe('course-unit', 'unit_id')}>
                    {staff.units.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                  {err('course-unit', 'unit_id')}
                </div>
              ) : null}
              <div className="field">
                <label htmlFor="course-kind" className="field__label">
                  {t('housing.course.kind')}
                </label>
                <select id="course-kind" className="input" value={newKind} onChange={(e) => setNewKind(e.target.value as Schema<'CourseSessionKind'>)}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`housing.course.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              {newKind === 'housing_course' ? (
                <div className={`field${fieldError('number') ? ' field--invalid' : ''}`}>
                  <label htmlFor="course-number" className="field__label">
                    {t('housing.course.number')}
                  </label>
                  <select id="course-number" className="input" value={number} onChange={(e) => setNumber(e.target.value)} aria-describedby={describe('course-number', 'number')}>
                    {['1', '2', '3', '4'].map((n) => (
                      <option key={n} value={n}>
                        {t('housing.course.session', { number: n })}
                      </option>
                    ))}
                  </select>
                  {err('course-number', 'number')}
                </div>
              ) : null}
              <div className={`field${fieldError('held_on') ? ' field--invalid' : ''}`}>
                <label htmlFor="course-held-on" className="field__label">
                  {t('housing.course.heldOn')} <span className="field__required">({t('form.required')})</span>
                </label>
                <input
                  id="course-held-on"
                  type="date"
                  className="input"
                  aria-required
                  aria-invalid={fieldError('held_on') ? true : undefined}
                  aria-describedby={describe('course-held-on', 'held_on')}
                  value={heldOn}
                  onChange={(e) => setHeldOn(e.target.value)}
                />
                {err('course-held-on', 'held_on')}
              </div>
              <div className={`field${fieldError('leader') ? ' field--invalid' : ''}`}>
                <label htmlFor="course-leader" className="field__label">
                  {t('housing.course.leader')} <span className="field__required">({t('form.required')})</span>
                </label>
                <input
                  id="course-leader"
                  className="input"
                  aria-required
                  aria-invalid={fieldError('leader') ? true : undefined}
                  aria-describedby={describe('course-leader', 'leader')}
                  value={leader}
                  onChange={(e) => setLeader(e.target.value)}
                />
                {err('course-leader', 'leader')}
              </div>
              <div className="field">
                <label htmlFor="course-title" className="field__label">
                  {t('housing.course.titleField')}
                </label>
                <div id="course-title-hint" className="field__hint">
                  {t('housing.course.titleHint')}
                </div>
                <input id="course-title" className="input" aria-describedby="course-title-hint" value={title} onChange={(e) => setTitle(e.target.value)} />
              </div>
            </div>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={create.isPending}>
                {create.isPending ? t('form.saving') : t('housing.course.create')}
              </button>
              <button type="button" className="button" onClick={() => setOpen(false)}>
                {t('form.cancel')}
              </button>
            </div>
          </form>
        </Section>
      ) : null}
      <div className="filters">
        <div className="field">
          <label htmlFor="course-filter-kind" className="field__label">
            {t('housing.course.kind')}
          </label>
          <select id="course-filter-kind" className="input" value={kind ?? ''} onChange={(e) => setParams(e.target.value ? { kind: e.target.value } : {}, { replace: true })}>
            <option value="">{t('common.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`housing.course.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {sessions.isPending ? <Loading /> : null}
      {sessions.error ? <ProblemAlert error={sessions.error} /> : null}
      {sessions.data && items.length === 0 ? <p>{t('housing.course.empty')}</p> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('housing.course.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('housing.course.titleField')}</th>
                <th scope="col">{t('housing.course.kind')}</th>
                <th scope="col">{t('housing.course.heldOn')}</th>
                <th scope="col">{t('housing.course.leader')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={paths.housingCourseSession.href(s.id)}>{s.title}</Link>
                  </th>
                  <td>{t(`housing.course.kinds.${s.kind}`)}</td>
                  <td>{formatDate(s.held_on)}</td>
                  <td>{s.leader ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
