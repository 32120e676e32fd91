import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HOUSING_SITUATIONS } from '../participants';
import { LADDER_STEPS, MOVE_OUT_REASONS, QUEUE_WISHES, RISK_KINDS } from '../../api/enums';
import type { Participant, Schema } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { textOrNull } from '../../lib/form-errors';
import { canManageHousing, canRecordCasework, useStaff } from '../auth';
import { useStaffNames } from '../participants';
import {
  housingKeys,
  useApartments,
  useAssignSupport,
  useCreateRiskEvent,
  useFollowUps,
  useJoinQueue,
  useLadder,
  useMoveOut,
  useQueue,
  useRecordHousingChange,
  useResolveRiskEvent,
  useRiskEvents,
  useSupportAssignments,
  useTakeOver,
  useTenancies,
} from './housing-api';
import { ladderShares } from './queue';
import { SearchCasesSection } from './components/SearchCasesSection';
import { TemporaryStaysSection } from './components/TemporaryStaysSection';
import { CourseProgressSection } from './components/CourseProgressSection';
import { FollowUpEdit, QueueEntryEdit, TenancyEdit } from './components/HousingEditForms';
import { useFocusLater } from '../../lib/use-focus-later';

/** Which record's edit form is open, and focus back on its button when it closes. */
function useEditing() {
  const [editing, setEditing] = useState<string | null>(null);
  const focusLater = useFocusLater();
  const close = (buttonId: string) => {
    setEditing(null);
    focusLater(buttonId);
  };
  return { editing, setEditing, close };
}

/** The participant page's housing tab: ladder, tenancies, queue, risks, follow-ups and support. */
export function ParticipantHousingPanel({ participant }: { participant: Participant }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      <LadderSection participantId={participant.id} onNotice={setNotice} />
      <div className="summary">
        <TenancySection participantId={participant.id} onNotice={setNotice} />
        <QueueSection participant={participant} onNotice={setNotice} />
        <RiskSection participantId={participant.id} onNotice={setNotice} />
        <SupportSection participantId={participant.id} onNotice={setNotice} />
        <FollowUpSection participantId={participant.id} onNotice={setNotice} />
        <CourseProgressSection participantId={participant.id} />
        <SearchCasesSection participantId={participant.id} onNotice={setNotice} />
      </div>
      <TemporaryStaysSection participantId={participant.id} onNotice={setNotice} />
      <p className="muted">
        <Link to={paths.housing.href()}>{t('housing.nav.board')}</Link> · <Link to={paths.housingQueue.href()}>{t('housing.nav.queue')}</Link>
      </p>
    </div>
  );
}

type NoticeProps = { onNotice: (m: string) => void };

function LadderSection({ participantId, onNotice }: { participantId: string } & NoticeProps) {
  const { t } = useTranslation();
  const staff = useStaff();
  const ladder = useLadder(participantId);
  const record = useRecordHousingChange(participantId);
  const [open, setOpen] = useState(false);
  const [situation, setSituation] = useState<Schema<'HousingSituation'>>('supported_housing');
  const [from, setFrom] = useState(todayIso());
  const [note, setNote] = useState('');
  const l = ladder.data;
  const canRecord = canManageHousing(staff.role) || staff.role === 'housing_support' || staff.role === 'caseworker';
  return (
    <Section
      id="ladder"
      title={t('housing.ladder.title')}
      actions={
        canRecord ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('housing.ladder.record')}
          </button>
        ) : null
      }
    >
      {ladder.isPending ? <Loading /> : null}
      {ladder.error ? <ProblemAlert error={ladder.error} /> : null}
      {open ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate(
              { situation, from_date: from, note: textOrNull(note) },
              {
                onSuccess: () => {
                  setOpen(false);
                  onNotice(t('housing.ladder.saved'));
                },
              },
            );
          }}
        >
          {record.error ? <ProblemAlert error={record.error} /> : null}
          <div className="field">
            <label htmlFor="ladder-situation" className="field__label">
              {t('housing.ladder.situation')}
            </label>
            <select id="ladder-situation" className="input" value={situation} onChange={(e) => setSituation(e.target.value as Schema<'HousingSituation'>)}>
              {HOUSING_SITUATIONS.map((s) => (
                <option key={s} value={s}>
                  {t(`enums.housing_situation.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="ladder-from" className="field__label">
              {t('housing.ladder.fromDate')}
            </label>
            <input id="ladder-from" type="date" className="input" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="ladder-note" className="field__label">
              {t('housing.ladder.note')}
            </label>
            <input id="ladder-note" className="input" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="button button--primary" disabled={record.isPending}>
            {t('housing.ladder.submit')}
          </button>
        </form>
      ) : null}
      {l ? (
        <>
          <p>
            {t('housing.ladder.currentSituation')}: <strong>{t(`enums.housing_situation.${l.current_situation}`)}</strong> · {t('housing.ladder.daysHomeless')}:{' '}
            <strong>{l.days_homeless}</strong>
          </p>
          <h3>{t('housing.ladder.daysOnStep')}</h3>
          <ol className="ladder">
            {ladderShares(l.days_per_step, LADDER_STEPS).map((s) => (
              <li key={s.step} aria-current={l.current_step === s.step ? 'step' : undefined}>
                <strong>{t(`housing.ladder.steps.${s.step}`)}</strong>
                {l.current_step === s.step ? <span className="badge badge--info"> {t('housing.ladder.current')}</span> : null}
                <br />
                <span className="meter">{t('common.days', { count: s.days })}</span>
              </li>
            ))}
          </ol>
          <h3>{t('housing.ladder.changes')}</h3>
          {l.changes.length === 0 ? <p className="muted">{t('housing.ladder.none')}</p> : null}
          <ul className="timeline">
            {[...l.changes]
              .sort((a, b) => (a.from_date < b.from_date ? 1 : -1))
              .map((c) => (
                <li key={c.id} className="timeline__item">
                  <span className="timeline__date">{formatDate(c.from_date)}</span>
                  <span>
                    <strong>{t(`enums.housing_situation.${c.situation}`)}</strong>{' '}
                    <span className="muted">{t(`housing.ladder.source.${c.source}` as 'housing.ladder.source.manual', { defaultValue: c.source })}</span>
                    {c.note ? ` – ${c.note}` : ''}
                  </span>
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}

function TenancySection({ participantId, onNotice }: { participantId: string } & NoticeProps) {
  const { t } = useTranslation();
  const staff = useStaff();
  const tenancies = useTenancies({ participant_id: participantId });
  const apartments = useApartments({});
  const address = (id: string) => apartments.data?.items.find((a) => a.id === id)?.address ?? '';
  const edit = useEditing();
  return (
    <Section id="tenancies" title={t('housing.tenancy.title')}>
      {tenancies.isPending ? <Loading /> : null}
      {tenancies.error ? <ProblemAlert error={tenancies.error} /> : null}
      {tenancies.data?.items.length === 0 ? <p className="muted">{t('housing.tenancy.none')}</p> : null}
      <ul className="plain-list">
        {tenancies.data?.items.map((ten) => (
          <li key={ten.id}>
            <strong>{address(ten.apartment_id)}</strong>
            <br />
            {t('housing.tenancy.moveIn', { date: formatDate(ten.move_in_on) })}
            {ten.moved_out_on ? ` · ${t('housing.tenancy.movedOut', { date: formatDate(ten.moved_out_on) })}` : ''}
            {ten.taken_over_on ? ` · ${t('housing.tenancy.takenOver', { date: formatDate(ten.taken_over_on) })}` : ''}
            {!ten.moved_out_on ? ` · ${t('housing.tenancy.plannedTakeover', { date: formatDate(ten.planned_takeover_on) })}` : ''}
            {ten.note ? <p className="prewrap">{ten.note}</p> : null}
            {!ten.moved_out_on && canManageHousing(staff.role) && edit.editing !== ten.id ? (
              <div className="form__actions">
                <button id={`tenancy-edit-button-${ten.id}`} type="button" className="button button--small" onClick={() => edit.setEditing(ten.id)}>
                  {t('housing.edit.tenancy')}
                  <span className="visually-hidden"> – {address(ten.apartment_id)}</span>
                </button>
              </div>
            ) : null}
            {edit.editing === ten.id ? (
              <TenancyEdit
                record={ten}
                onSaved={(m) => {
                  edit.close(`tenancy-edit-button-${ten.id}`);
                  onNotice(m);
                }}
                onCancel={() => edit.close(`tenancy-edit-button-${ten.id}`)}
              />
            ) : null}
            {!ten.moved_out_on && canManageHousing(staff.role) && edit.editing !== ten.id ? <TenancyActions tenancy={ten} onNotice={onNotice} /> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function TenancyActions({ tenancy, onNotice }: { tenancy: Schema<'TenancyView'> } & NoticeProps) {
  const { t } = useTranslation();
  const moveOut = useMoveOut(tenancy.id);
  const takeOver = useTakeOver(tenancy.id);
  const [open, setOpen] = useState<'out' | 'over' | null>(null);
  const [date, setDate] = useState(todayIso());
  const [reason, setReason] = useState<Schema<'MoveOutReason'>>('moved_on');
  const error = moveOut.error ?? takeOver.error;
  const done = () => {
    setOpen(null);
    onNotice(t('housing.tenancy.done'));
  };
  return (
    <div>
      <div className="card__actions">
        <button type="button" className="button button--small" aria-expanded={open === 'over'} onClick={() => setOpen(open === 'over' ? null : 'over')}>
          {t('housing.tenancy.takeOver')}
        </button>
        <button type="button" className="button button--small button--danger-outline" aria-expanded={open === 'out'} onClick={() => setOpen(open === 'out' ? null : 'out')}>
          {t('housing.tenancy.moveOut')}
        </button>
      </div>
      {error ? <ProblemAlert error={error} /> : null}
      {open ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (open === 'out') moveOut.mutate({ moved_out_on: date, reason, version: tenancy.version }, { onSuccess: done });
            else takeOver.mutate({ taken_over_on: date, version: tenancy.version }, { onSuccess: done });
          }}
        >
          <div className="field">
            <label htmlFor={`ten-${tenancy.id}-date`} className="field__label">
              {open === 'out' ? t('housing.tenancy.movedOutOn') : t('housing.tenancy.takenOverOn')}
            </label>
            <input id={`ten-${tenancy.id}-date`} type="date" className="input" value={date} onChange={(e) => setDate(e.target.value)} />
          </div>
          {open === 'out' ? (
            <div className="field">
              <label htmlFor={`ten-${tenancy.id}-reason`} className="field__label">
                {t('housing.tenancy.reason')}
              </label>
              <select id={`ten-${tenancy.id}-reason`} className="input" value={reason} onChange={(e) => setReason(e.target.value as Schema<'MoveOutReason'>)}>
                {MOVE_OUT_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`housing.tenancy.reasons.${r}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <button type="submit" className="button button--primary" disabled={moveOut.isPending || takeOver.isPending}>
            {t('housing.tenancy.confirm')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

function QueueSection({ participant, onNotice }: { participant: Participant } & NoticeProps) {
  const { t } = useTranslation();
  const staff = useStaff();
  const queueQuery = { participant_id: participant.id, limit: 50 };
  const queue = useQueue(queueQuery);
  const edit = useEditing();
  const join = useJoinQueue();
  const [open, setOpen] = useState(false);
  const [wish, setWish] = useState<Schema<'QueueWish'>>('training_apartment');
  const canJoin = canManageHousing(staff.role) || staff.role === 'caseworker';
  const active = (queue.data?.items ?? []).some((e) => e.status === 'waiting' || e.status === 'notified');
  return (
    <Section
      id="p-queue"
      title={t('housing.nav.queue')}
      actions={
        canJoin && !active ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('housing.queue.join')}
          </button>
        ) : null
      }
    >
      {queue.isPending ? <Loading /> : null}
      {queue.error ? <ProblemAlert error={queue.error} /> : null}
      {open ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            join.mutate(
              { participant_id: participant.id, wish },
              {
                onSuccess: () => {
                  setOpen(false);
                  onNotice(t('housing.queue.joined_ok'));
                },
              },
            );
          }}
        >
          {join.error ? <ProblemAlert error={join.error} /> : null}
          <div className="field">
            <label htmlFor="join-wish" className="field__label">
              {t('housing.queue.wish')}
            </label>
            <select id="join-wish" className="input" value={wish} onChange={(e) => setWish(e.target.value as Schema<'QueueWish'>)}>
              {QUEUE_WISHES.map((w) => (
                <option key={w} value={w}>
                  {t(`housing.queue.wishes.${w}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--primary" disabled={join.isPending}>
            {t('housing.queue.joinSubmit')}
          </button>
        </form>
      ) : null}
      <ul className="plain-list">
        {queue.data?.items.map((e) => (
          <li key={e.id}>
            <strong>{t(`housing.queue.wishes.${e.wish}`)}</strong> – {t(`housing.queue.statuses.${e.status}`)}
            {e.position ? ` · ${t('housing.queue.position')} ${e.position}` : ''}
            {e.waiting_days != null ? ` · ${t('common.days', { count: e.waiting_days })}` : ''}
            <br />
            <span className="muted">
              {t('housing.queue.joined')} {formatDate(e.joined_on)} · {t('housing.queue.priority')} {e.priority} ·{' '}
              {e.ready ? t('housing.queue.ready') : `${t('housing.queue.notReady')}${e.not_ready_reason ? ` (${e.not_ready_reason})` : ''}`}
            </span>
            {e.note ? <p className="prewrap">{e.note}</p> : null}
            {canManageHousing(staff.role) && (e.status === 'waiting' || e.status === 'notified') && edit.editing !== e.id ? (
              <div className="form__actions">
                <button id={`queue-edit-button-${e.id}`} type="button" className="button button--small" onClick={() => edit.setEditing(e.id)}>
                  {t('housing.edit.queue')}
                </button>
              </div>
            ) : null}
            {edit.editing === e.id ? (
              <QueueEntryEdit
                record={e}
                queryKey={housingKeys.queue(queueQuery)}
                onSaved={(m) => {
                  edit.close(`queue-edit-button-${e.id}`);
                  onNotice(m);
                }}
                onCancel={() => edit.close(`queue-edit-button-${e.id}`)}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function RiskSection({ participantId, onNotice }: { participantId: string } & NoticeProps) {
  const { t } = useTranslation();
  const staff = useStaff();
  const risks = useRiskEvents(participantId);
  const create = useCreateRiskEvent();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Schema<'RiskKind'>>('disturbance_complaint');
  const [date, setDate] = useState(todayIso());
  const [description, setDescription] = useState('');
  const canWrite = canRecordCasework(staff.role);
  return (
    <Section
      id="risks"
      title={t('housing.risk.title')}
      actions={
        canWrite ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('housing.risk.add')}
          </button>
        ) : null
      }
    >
      {risks.isPending ? <Loading /> : null}
      {risks.error ? <ProblemAlert error={risks.error} /> : null}
      {open ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { participant_id: participantId, kind, occurred_on: date, description: textOrNull(description) },
              {
                onSuccess: () => {
                  setOpen(false);
                  setDescription('');
                  onNotice(t('housing.risk.saved'));
                },
              },
            );
          }}
        >
          {create.error ? <ProblemAlert error={create.error} /> : null}
          <div className="grid">
            <div className="field">
              <label htmlFor="risk-kind" className="field__label">
                {t('housing.risk.kind')}
              </label>
              <select id="risk-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as Schema<'RiskKind'>)}>
                {RISK_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`housing.risk.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="risk-date" className="field__label">
                {t('housing.risk.occurredOn')}
              </label>
              <input id="risk-date" type="date" className="input" value={date} onChange={(e) => setDate(e.target.value)} />
            </div>
            <div className="field grid__full">
              <label htmlFor="risk-description" className="field__label">
                {t('housing.risk.description')}
              </label>
              <textarea id="risk-description" rows={2} className="input" value={description} onChange={(e) => setDescription(e.target.value)} />
            </div>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              {t('housing.risk.submit')}
            </button>
          </div>
        </form>
      ) : null}
      {risks.data?.items.length === 0 ? <p className="muted">{t('housing.risk.none')}</p> : null}
      <ul className="plain-list">
        {risks.data?.items.map((r) => (
          <li key={r.id}>
            <strong>{t(`housing.risk.kinds.${r.kind}`)}</strong> {formatDate(r.occurred_on)}{' '}
            <span className={`badge badge--${r.resolved_on ? 'closed' : 'danger'}`}>
              {r.resolved_on ? t('housing.risk.resolved', { date: formatDate(r.resolved_on) }) : t('housing.risk.open')}
            </span>
            {r.description ? <p>{r.description}</p> : null}
            {!r.resolved_on && canWrite ? <ResolveRisk risk={r} onNotice={onNotice} /> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function ResolveRisk({ risk, onNotice }: { risk: Schema<'RiskEventView'> } & NoticeProps) {
  const { t } = useTranslation();
  const resolve = useResolveRiskEvent(risk.id);
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(todayIso());
  const [resolution, setResolution] = useState('');
  if (!open)
    return (
      <button type="button" className="button button--small" onClick={() => setOpen(true)}>
        {t('housing.risk.resolve')}
      </button>
    );
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        resolve.mutate({ resolved_on: date, resolution: textOrNull(resolution), version: risk.version }, { onSuccess: () => onNotice(t('housing.tenancy.done')) });
      }}
    >
      {resolve.error ? <ProblemAlert error={resolve.error} /> : null}
      <div className="field">
        <label htmlFor={`risk-${risk.id}-date`} className="field__label">
          {t('housing.risk.resolvedOn')}
        </label>
        <input id={`risk-${risk.id}-date`} type="date" className="input" value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`risk-${risk.id}-resolution`} className="field__label">
          {t('housing.risk.resolution')}
        </label>
        <input id={`risk-${risk.id}-resolution`} className="input" value={resolution} onChange={(e) => setResolution(e.target.value)} />
      </div>
      <button type="submit" className="button button--primary" disabled={resolve.isPending}>
        {t('housing.risk.resolve')}
      </button>
    </form>
  );
}

function SupportSection({ participantId, onNotice }: { participantId: string } & NoticeProps) {
  const { t } = useTranslation();
  const me = useStaff();
  const staff = useStaffNames();
  const support = useSupportAssignments(participantId);
  const assign = useAssignSupport();
  const [open, setOpen] = useState(false);
  const [staffId, setStaffId] = useState('');
  const [override, setOverride] = useState(false);
  const workers = staff.staff.filter((s) => s.role === 'housing_support' && s.active);
  const canAssign = canManageHousing(me.role);
  return (
    <Section
      id="support"
      title={t('housing.support.assignTitle')}
      actions={
        canAssign && workers.length ? (
          <button type="button" className="button button--small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('housing.support.assign')}
          </button>
        ) : null
      }
    >
      {support.isPending ? <Loading /> : null}
      {support.error ? <ProblemAlert error={support.error} /> : null}
      {open ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            assign.mutate(
              { participant_id: participantId, staff_id: staffId, override_caseload_limit: override },
              {
                onSuccess: () => {
                  setOpen(false);
                  onNotice(t('housing.support.assignedOk'));
                },
              },
            );
          }}
        >
          {assign.error ? <ProblemAlert error={assign.error} /> : null}
          <div className="field">
            <label htmlFor="support-staff" className="field__label">
              {t('housing.support.staff')}
            </label>
            <select id="support-staff" className="input" required value={staffId} onChange={(e) => setStaffId(e.target.value)}>
              <option value="">{t('form.choose')}</option>
              {workers.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.display_name}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--checkbox">
            <input id="support-override" type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />
            <label htmlFor="support-override">{t('housing.support.override')}</label>
          </div>
          <button type="submit" className="button button--primary" disabled={assign.isPending}>
            {t('housing.support.assignSubmit')}
          </button>
        </form>
      ) : null}
      {support.data?.items.length === 0 ? <p className="muted">{t('housing.support.noAssignment')}</p> : null}
      <ul className="plain-list">
        {support.data?.items.map((a) => (
          <li key={a.id}>
            <strong>{staff.name(a.staff_id)}</strong> {t('housing.support.assigned', { date: formatDate(a.start_on) })}
            {a.end_on ? ` · ${t('housing.support.ended', { date: formatDate(a.end_on) })}` : ''}
            {a.over_caseload_limit ? <span className="badge badge--warning"> {t('housing.support.overLimit')}</span> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function FollowUpSection({ participantId, onNotice }: { participantId: string } & NoticeProps) {
  const { t } = useTranslation();
  const staff = useStaff();
  const followUps = useFollowUps(participantId);
  const edit = useEditing();
  // Follow-ups are recorded by housing support, coordinators and managers (HousingAction::Support).
  const canRecord = canManageHousing(staff.role) || staff.role === 'housing_support';
  return (
    <Section id="follow-ups" title={t('housing.followUps.title')}>
      {followUps.isPending ? <Loading /> : null}
      {followUps.error ? <ProblemAlert error={followUps.error} /> : null}
      {followUps.data?.items.length === 0 ? <p className="muted">{t('housing.followUps.none')}</p> : null}
      <ul className="plain-list">
        {followUps.data?.items.map((f) => (
          <li key={f.id}>
            <strong>{t(`housing.followUps.kinds.${f.kind}`)}</strong> –{' '}
            {f.done_on ? t('housing.followUps.done', { date: formatDate(f.done_on) }) : t('housing.followUps.due', { date: formatDate(f.due_on) })}
            {f.overdue ? <span className="badge badge--danger"> {t('housing.followUps.overdue')}</span> : null}
            {f.done_on ? (
              <span className="muted">
                <br />
                {[
                  f.housing_cost != null ? `${t('housing.edit.housingCost')}: ${f.housing_cost}` : null,
                  f.income_source ? `${t('housing.edit.incomeSource')}: ${t(`enums.income_source.${f.income_source}`)}` : null,
                  f.debts != null ? `${t('housing.edit.debts')}: ${f.debts}` : null,
                  f.support ? `${t('housing.edit.support')}: ${f.support}` : null,
                  f.occupation ? `${t('housing.edit.occupation')}: ${f.occupation}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            ) : null}
            {f.note ? <p className="prewrap">{f.note}</p> : null}
            {canRecord && edit.editing !== f.id ? (
              <div className="form__actions">
                <button id={`follow-up-edit-button-${f.id}`} type="button" className="button button--small" onClick={() => edit.setEditing(f.id)}>
                  {f.done_on ? t('housing.edit.followUpEdit') : t('housing.edit.followUp')}
                  <span className="visually-hidden"> – {t(`housing.followUps.kinds.${f.kind}`)}</span>
                </button>
              </div>
            ) : null}
            {edit.editing === f.id ? (
              <FollowUpEdit
                record={f}
                onSaved={(m) => {
                  edit.close(`follow-up-edit-button-${f.id}`);
                  onNotice(m);
                }}
                onCancel={() => edit.close(`follow-up-edit-button-${f.id}`)}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}
