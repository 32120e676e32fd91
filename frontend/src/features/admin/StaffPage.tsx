import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '../../api/client';
import type { StaffMember } from '../../api/types';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { StaleAlert } from '../../components/StaleAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { changedFields, reapplyChanges } from '../../lib/changes';
import { fetchStaffMember, useAdminStaff, useAdminUnits, useCreateStaff, useUpdateStaff } from './admin-api';
import { AdminNav } from './components/AdminNav';
import { emptyStaff, StaffForm, staffToValues, type StaffValues } from './components/StaffForm';

export function StaffPage() {
  const { t } = useTranslation();
  const staff = useAdminStaff();
  const units = useAdminUnits();
  const create = useCreateStaff();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const unitList = units.data?.items ?? [];
  const unitName = new Map(unitList.map((u) => [u.id, u.name]));

  const done = (message: string) => {
    setAdding(false);
    setEditing(null);
    setNotice(message);
    setFocusKey((k) => k + 1);
  };

  return (
    <section>
      <div className="page-header">
        <PageHeading focusKey={focusKey}>{t('admin.staff.title')}</PageHeading>
        {!adding && !editing ? (
          <div className="page-header__actions">
            <button type="button" className="button button--primary" onClick={() => { setNotice(null); create.reset(); setAdding(true); }}>
              {t('admin.staff.new')}
            </button>
          </div>
        ) : null}
      </div>
      <AdminNav />
      <p className="muted">{t('admin.staff.intro')}</p>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      {adding ? (
        <Section id="staff-new" title={t('admin.staff.new')} focusOnMount>
          <StaffForm
            idPrefix="staff-new"
            mode="create"
            initial={emptyStaff}
            units={unitList}
            pending={create.isPending}
            error={create.error}
            submitLabel={t('admin.staff.create')}
            onCancel={() => setAdding(false)}
            onSubmit={(v) =>
              create.mutate(
                { username: v.username.trim(), display_name: v.display_name.trim(), password: v.password, role: v.role, unit_ids: v.unit_ids },
                { onSuccess: () => done(t('admin.staff.created')) },
              )
            }
          >
            {create.error ? <ProblemAlert error={create.error} shownFields={new Set(['username', 'display_name', 'password', 'unit_ids'])} /> : null}
          </StaffForm>
        </Section>
      ) : null}
      {editing ? <EditStaff key={editing.id} member={editing} units={unitList} onDone={() => done(t('admin.staff.saved'))} onCancel={() => setEditing(null)} /> : null}
      {staff.isPending ? <Loading /> : null}
      {staff.error ? <ProblemAlert error={staff.error} /> : null}
      {staff.data ? (
        <>
          <p className="list-summary">{t('admin.staff.count', { count: staff.data.total })}</p>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('admin.staff.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.staff.displayName')}</th>
                  <th scope="col">{t('admin.staff.username')}</th>
                  <th scope="col">{t('admin.staff.role')}</th>
                  <th scope="col" className="hide-narrow">
                    {t('admin.staff.units')}
                  </th>
                  <th scope="col">{t('admin.staff.status')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {staff.data.items.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.display_name}</th>
                    <td>{s.username}</td>
                    <td>{t(`roles.${s.role}`)}</td>
                    <td className="hide-narrow">{s.unit_ids.map((u) => unitName.get(u) ?? u).join(', ')}</td>
                    <td>{s.active ? <span className="badge badge--active">{t('admin.staff.active')}</span> : <span className="badge badge--closed">{t('admin.staff.inactive')}</span>}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t('admin.staff.editLabel', { name: s.display_name })}
                        onClick={() => {
                          setNotice(null);
                          setAdding(false);
                          setEditing(s);
                        }}
                      >
                        {t('admin.staff.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

const DIFF = ['display_name', 'role', 'active', 'unit_ids'] as const;

function EditStaff({ member, units, onDone, onCancel }: { member: StaffMember; units: { id: string; name: string }[]; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateStaff(member.id);
  const [base, setBase] = useState<StaffMember>(member);
  const [fresh, setFresh] = useState<StaffMember | null>(null);
  const mine = useRef<StaffValues | null>(null);
  const stale = isApiProblem(update.error) && update.error.status === 412;
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const label: Record<(typeof DIFF)[number], string> = {
    display_name: t('admin.staff.displayName'),
    role: t('admin.staff.role'),
    active: t('admin.staff.active'),
    unit_ids: t('admin.staff.units'),
  };
  const show = (s: StaffMember) => ({ ...s, role: t(`roles.${s.role}`), active: s.active ? t('common.yes') : t('common.no'), unit_ids: s.unit_ids.map((u) => unitName.get(u) ?? u) });

  const send = (v: StaffValues, version: number) =>
    update.mutate(
      { display_name: v.display_name.trim(), role: v.role as StaffMember['role'], active: v.active, unit_ids: v.unit_ids, password: v.password || null, version },
      {
        onSuccess: onDone,
        onError: async (err) => {
          // Someone else saved first: fetch their version to show what they changed.
          if (isApiProblem(err) && err.status === 412) setFresh(await fetchStaffMember(member.id));
        },
      },
    );

  return (
    <Section id="staff-edit" title={t('admin.staff.editTitle', { name: member.display_name })} focusOnMount>
      <StaffForm
        key={base.version}
        idPrefix="staff-edit"
        mode="edit"
        initial={staffToValues(base)}
        units={units}
        pending={update.isPending}
        error={update.error}
        submitLabel={t('admin.staff.save')}
        valuesRef={mine}
        onCancel={onCancel}
        onSubmit={(v) => send(v, base.version)}
      >
        {stale ? (
          <StaleAlert
            changes={fresh ? changedFields(show(base), show(fresh), DIFF).map((c) => ({ ...c, label: label[c.field as (typeof DIFF)[number]] })) : undefined}
            onReload={() => {
              update.reset();
              if (fresh) setBase(fresh);
            }}
            onReapply={() => {
              // Only this user's changes go on top of the newer version; the rest stays theirs.
              if (fresh && mine.current) {
                const merged = reapplyChanges(staffToValues(base), mine.current, staffToValues(fresh));
                setBase(fresh);
                send(merged, fresh.version);
              }
            }}
            pending={!fresh || update.isPending}
          />
        ) : update.error ? (
          <ProblemAlert error={update.error} shownFields={new Set(['display_name', 'password', 'unit_ids'])} />
        ) : null}
      </StaffForm>
    </Section>
  );
}
