import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiProblem } from '../../api/client';
import type { Participant } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { paths } from '../../config/paths';
import { Tabs } from '../../components/Tabs';
import { canMakeRegisterExtract, canRecordCasework, canWriteParticipants, useStaff } from '../auth';
import { ContactForm, ContactsPanel, DuplicateWarning, QuickActions, ReferralForm, RelapseForm, TimelinePanel, type QuickAction } from '../casework';
import { useCreatePlan } from '../action-plans';
import { ParticipantReferralsPanel } from '../referrals';
import { CloseParticipantForm } from './components/CloseParticipantForm';
import { FORM_FIELD_SET, ParticipantForm } from './components/ParticipantForm';
import { ParticipantSummary } from './components/ParticipantSummary';
import { RegisterExtract } from './components/RegisterExtract';
import { formToParticipantInput, participantToForm } from './participant-form';
import { useCloseParticipant, useParticipant, useReopenParticipant, useUpdateParticipant } from './participants-api';
import { useParticipantFormOptions } from './use-form-options';

// The housing tab is a chunk of its own (it is the largest panel and not everyone needs it).
const ParticipantHousingPanel = lazy(async () => ({ default: (await import('../housing/ParticipantHousingPanel')).ParticipantHousingPanel }));
const ParticipantWorkPanel = lazy(async () => ({ default: (await import('../work/ParticipantWorkPanel')).ParticipantWorkPanel }));
const ParticipantRecordsPanel = lazy(async () => ({ default: (await import('../case-records/ParticipantRecordsPanel')).ParticipantRecordsPanel }));
const ParticipantPlansPanel = lazy(async () => ({ default: (await import('../action-plans/ParticipantPlansPanel')).ParticipantPlansPanel }));

type Mode = 'view' | 'edit' | 'close';
const TABS = ['timeline', 'contacts', 'details', 'referrals', 'plans', 'housing', 'work', 'records'] as const;
type Tab = (typeof TABS)[number];
type Notice = 'created' | 'saved' | 'closed' | 'reopened' | 'reloaded' | null;

const isStale = (error: unknown) => isApiProblem(error) && error.status === 412;

export function ParticipantDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const staff = useStaff();
  const query = useParticipant(id);
  const update = useUpdateParticipant(id);
  const close = useCloseParticipant(id);
  const reopen = useReopenParticipant(id);
  const options = useParticipantFormOptions();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'timeline';
  const selectTab = (next: Tab) => {
    const sp = new URLSearchParams(params);
    if (next === 'timeline') sp.delete('tab');
    else sp.set('tab', next);
    setParams(sp, { replace: true });
  };
  const [quick, setQuick] = useState<QuickAction | null>(null);
  const [quickNotice, setQuickNotice] = useState<{ text: string; link?: { href: string; label: string } } | null>(null);
  const createPlan = useCreatePlan(id);
  const startPlan = () =>
    createPlan.mutate({}, { onSuccess: (plan) => void navigate(paths.actionPlan.href(plan.id), { state: { created: true } }) });
  const quickDone = (text: string, link?: { href: string; label: string }) => {
    setQuick(null);
    setQuickNotice({ text, link });
    selectTab('timeline');
  };

  const [mode, setMode] = useState<Mode>('view');
  // The version the user started editing from: it is what we send, so a change made by someone
  // else in the meantime gives 412 instead of being overwritten.
  const [base, setBase] = useState<Participant | null>(null);
  const [notice, setNotice] = useState<Notice>((location.state as { created?: boolean } | null)?.created ? 'created' : null);
  // `possible_duplicates` of a just-registered participant (passed on from the registration page).
  const createdDuplicates = (location.state as { duplicates?: Participant['possible_duplicates'] } | null)?.duplicates ?? [];
  const [focusKey, setFocusKey] = useState(0);

  const p = query.data;
  const canWrite = canWriteParticipants(staff.role);
  const canExtract = !!p && canMakeRegisterExtract(staff, p.unit_id);
  const conflict = isStale(update.error) || isStale(close.error) || isStale(reopen.error);

  const switchTo = (next: Mode, snapshot: Participant | null = p ?? null) => {
    update.reset();
    close.reset();
    reopen.reset();
    setBase(next === 'view' ? null : snapshot);
    setMode(next);
  };

  const reload = async () => {
    const result = await query.refetch();
    update.reset();
    close.reset();
    reopen.reset();
    if (result.data) {
      setBase(mode === 'view' ? null : result.data);
      setNotice('reloaded');
    }
  };

  const finish = (n: Notice) => {
    update.reset();
    close.reset();
    reopen.reset();
    setMode('view');
    setBase(null);
    setNotice(n);
    setFocusKey((k) => k + 1);
    if (n === 'saved' || n === 'closed' || n === 'reopened') selectTab('details');
  };

  const heading = p ? `${p.first_name} ${p.last_name}` : t('participants.detail.title');
  const caseworkerName =
    p?.responsible_caseworker_id
      ? (options.caseworkerOptions.find((o) => o.value === p.responsible_caseworker_id)?.label ??
        (p.responsible_caseworker_id === staff.id ? staff.display_name : t('participants.detail.otherCaseworker')))
      : '';

  const conflictAlert = conflict ? (
    <div role="alert" className="alert alert--warning">
      <p className="alert__title">{t('participants.conflict.title')}</p>
      <p>{t('participants.conflict.text')}</p>
      <button type="button" className="button" onClick={() => void reload()} disabled={query.isFetching}>
        {t('participants.conflict.reload')}
      </button>
    </div>
  ) : null;

  return (
    <section>
      <p className="breadcrumb">
        <Link to={paths.participants.href()}>{t('participants.list.title')}</Link>
      </p>
      <div className="page-header">
        <PageHeading documentTitle={t('participants.detail.title')} focusKey={focusKey}>
          {heading}
          {p?.protected_identity ? <span className="badge badge--warning">{t('participants.protected')}</span> : null}
        </PageHeading>
        {p && canWrite && mode === 'view' && p.status === 'active' ? (
          <div className="page-header__actions">
            <button type="button" className="button button--primary" onClick={() => switchTo('edit')}>
              {t('participants.detail.edit')}
            </button>
            <button type="button" className="button button--danger-outline" onClick={() => switchTo('close')}>
              {t('participants.close.open')}
            </button>
          </div>
        ) : null}
        {p && canWrite && mode === 'view' && p.status === 'closed' ? (
          <div className="page-header__actions">
            <button
              type="button"
              className="button"
              disabled={reopen.isPending}
              onClick={() => reopen.mutate({ version: p.version }, { onSuccess: () => finish('reopened') })}
            >
              {t('participants.reopen')}
            </button>
          </div>
        ) : null}
      </div>

      {p && canExtract && mode === 'view' ? <RegisterExtract participantId={p.id} /> : null}
      {mode === 'view' ? (conflictAlert ?? (reopen.error ? <ProblemAlert error={reopen.error} /> : null)) : null}
      {notice && mode === 'view' ? <SuccessMessage>{t(`participants.notice.${notice}`)}</SuccessMessage> : null}
      {notice === 'reloaded' && mode !== 'view' ? <SuccessMessage>{t('participants.notice.reloaded')}</SuccessMessage> : null}
      {query.isPending ? <Loading /> : null}
      {query.error ? <ProblemAlert error={query.error} /> : null}

      {p && mode === 'edit' && base ? (
        <ParticipantForm
          key={`edit-${base.version}`}
          idPrefix="edit"
          defaultValues={participantToForm(base)}
          unitOptions={options.unitOptions}
          caseworkerOptions={options.caseworkerOptions}
          pending={update.isPending}
          serverError={update.error}
          submitLabel={t('participants.detail.save')}
          onCancel={() => finish(null)}
          onSubmit={(values) =>
            update.mutate({ ...formToParticipantInput(values), version: base.version }, { onSuccess: () => finish('saved') })
          }
        >
          {conflictAlert ?? (update.error ? <ProblemAlert error={update.error} shownFields={FORM_FIELD_SET} /> : null)}
        </ParticipantForm>
      ) : null}

      {p && mode === 'close' && base ? (
        <>
          {conflictAlert ?? (close.error ? <ProblemAlert error={close.error} /> : null)}
          <CloseParticipantForm
            pending={close.isPending}
            onCancel={() => finish(null)}
            onConfirm={(reason) => close.mutate({ version: base.version, reason }, { onSuccess: () => finish('closed') })}
          />
        </>
      ) : null}

      {p && mode === 'view' && createdDuplicates.length ? <DuplicateWarning matches={createdDuplicates} afterCreate selfId={p.id} /> : null}
      {p && mode !== 'edit' ? (
        <ul className="facts" aria-label={t('participants.detail.title')}>
          {p.personal_identity_number ? (
            <li>
              {t('casework.facts.pnr')}: <strong>{p.personal_identity_number}</strong>
            </li>
          ) : null}
          <li>
            {t('casework.facts.unit')}: <strong>{options.unitNames.get(p.unit_id) ?? ''}</strong>
          </li>
          {caseworkerName ? (
            <li>
              {t('casework.facts.caseworker')}: <strong>{caseworkerName}</strong>
            </li>
          ) : null}
          <li>
            {t('casework.facts.housing')}: <strong>{t(`enums.housing_situation.${p.housing_situation}`)}</strong>
          </li>
        </ul>
      ) : null}
      {p && mode === 'view' && p.status === 'active' && canRecordCasework(staff.role) ? (
        <QuickActions
          open={quick}
          onOpen={(a) => {
            setQuick(a);
            setQuickNotice(null);
          }}
          onStartPlan={startPlan}
          startingPlan={createPlan.isPending}
        />
      ) : null}
      {createPlan.error ? <ProblemAlert error={createPlan.error} /> : null}
      {quickNotice && mode === 'view' ? (
        <SuccessMessage>
          {quickNotice.text}
          {quickNotice.link ? (
            <>
              {' '}
              <Link to={quickNotice.link.href}>{quickNotice.link.label}</Link>
            </>
          ) : null}
        </SuccessMessage>
      ) : null}
      {p && mode === 'view' && quick === 'contact' ? <ContactForm participantId={p.id} onDone={(m) => quickDone(m)} onCancel={() => setQuick(null)} /> : null}
      {p && mode === 'view' && quick === 'relapse' ? (
        <RelapseForm participantId={p.id} defaultSubstance={p.main_substance} onDone={(m) => quickDone(m)} onCancel={() => setQuick(null)} />
      ) : null}
      {p && mode === 'view' && quick === 'referral' ? (
        <ReferralForm
          participantId={p.id}
          unitId={p.unit_id}
          onDone={(m, r) => quickDone(m, { href: paths.referral.href(r.id), label: t('casework.referral.openIt') })}
          onCancel={() => setQuick(null)}
        />
      ) : null}
      {p && mode !== 'edit' ? (
        <Tabs
          label={t('casework.tabs.label')}
          idPrefix="participant"
          selected={tab}
          onSelect={selectTab}
          tabs={TABS.map((k) => ({ key: k, label: t(`casework.tabs.${k}`) }))}
        >
          {tab === 'timeline' ? <TimelinePanel participantId={p.id} /> : null}
          {tab === 'contacts' ? <ContactsPanel participantId={p.id} writer={p.status === 'active' && canRecordCasework(staff.role)} /> : null}
          {tab === 'details' ? (
            <ParticipantSummary participant={p} unitName={options.unitNames.get(p.unit_id) ?? ''} caseworkerName={caseworkerName} />
          ) : null}
          {tab === 'referrals' ? <ParticipantReferralsPanel participantId={p.id} /> : null}
          <Suspense fallback={<Loading />}>
            {tab === 'plans' ? <ParticipantPlansPanel participantId={p.id} /> : null}
            {tab === 'housing' ? <ParticipantHousingPanel participant={p} /> : null}
            {tab === 'work' ? <ParticipantWorkPanel participant={p} /> : null}
            {tab === 'records' ? <ParticipantRecordsPanel participant={p} /> : null}
          </Suspense>
        </Tabs>
      ) : null}
    </section>
  );
}
