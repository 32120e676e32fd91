import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { canListStaff, useStaff } from '../auth';
import { useParticipants, useStaffList, useUnits } from './participants-api';

/** Names of the participants the user may see (one list request), for lists that show only ids. */
export function useParticipantNames() {
  const query = useParticipants({ limit: 500, sort: 'last_name' });
  return useMemo(() => {
    const map = new Map<string, string>();
    for (const p of query.data?.items ?? []) map.set(p.id, `${p.first_name} ${p.last_name}`);
    return map;
  }, [query.data]);
}

/** Staff names (when the role may list staff), always including the signed-in user. */
export function useStaffNames() {
  const { t } = useTranslation();
  const me = useStaff();
  const list = useStaffList(canListStaff(me.role) || me.role === 'caseworker');
  return useMemo(() => {
    const map = new Map<string, string>();
    for (const s of list.data?.items ?? []) map.set(s.id, s.display_name);
    map.set(me.id, me.display_name);
    return { names: map, staff: list.data?.items ?? [], name: (id: string | null | undefined) => (id ? (map.get(id) ?? t('common.unknownStaff')) : '') };
  }, [list.data, me, t]);
}

/** Unit names. */
export function useUnitNames() {
  const me = useStaff();
  const units = useUnits();
  return useMemo(() => {
    const map = new Map<string, string>((units.data?.items ?? []).map((u) => [u.id, u.name]));
    for (const u of me.units) map.set(u.id, u.name);
    return map;
  }, [units.data, me.units]);
}
