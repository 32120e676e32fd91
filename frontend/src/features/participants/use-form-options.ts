import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Option } from '../../components/fields';
import { canListStaff, useStaff } from '../auth';
import { useStaffList, useUnits } from './participants-api';

/** Units (from the server, else the user's own) and choosable caseworkers for the participant form. */
export function useParticipantFormOptions() {
  const { t } = useTranslation();
  const staff = useStaff();
  const units = useUnits();
  const staffList = useStaffList(canListStaff(staff.role));

  return useMemo(() => {
    const allUnits = units.data?.items?.length ? units.data.items : staff.units;
    // Staff register participants in their own units; an administrator (no units) sees all.
    const choosable = staff.units.length ? staff.units : allUnits;
    const unitOptions: Option[] = choosable.map((u) => ({ value: u.id, label: u.name }));
    const unitNames = new Map(allUnits.map((u) => [u.id, u.name]));
    for (const u of staff.units) if (!unitNames.has(u.id)) unitNames.set(u.id, u.name);

    let caseworkerOptions: Option[];
    if (staffList.data) {
      caseworkerOptions = staffList.data.items
        .filter((s) => s.role === 'caseworker' || s.id === staff.id)
        .map((s) => ({ value: s.id, label: s.display_name }));
    } else {
      caseworkerOptions = [{ value: staff.id, label: t('participants.form.me', { name: staff.display_name }) }];
    }
    const defaultUnitId = staff.units.length === 1 ? staff.units[0].id : unitOptions.length === 1 ? unitOptions[0].value : '';
    const defaultCaseworkerId = staff.role === 'caseworker' ? staff.id : '';
    return { unitOptions, unitNames, caseworkerOptions, defaultUnitId, defaultCaseworkerId, loading: units.isPending };
  }, [units.data, units.isPending, staffList.data, staff, t]);
}
