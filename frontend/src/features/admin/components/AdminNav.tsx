import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { paths } from '../../../config/paths';
import { useStaff } from '../../auth';

/** Sub-navigation between the administration pages (managers see retention and the audit log). */
export function AdminNav() {
  const { t } = useTranslation();
  const me = useStaff();
  return (
    <nav aria-label={t('admin.nav.label')} className="subnav">
      <ul>
        {me.role === 'admin' ? (
          <>
            <li>
              <NavLink to={paths.adminStaff.href()}>{t('admin.nav.staff')}</NavLink>
            </li>
            <li>
              <NavLink to={paths.adminUnits.href()}>{t('admin.nav.units')}</NavLink>
            </li>
            <li>
              <NavLink to={paths.adminDuplicates.href()}>{t('admin.nav.duplicates')}</NavLink>
            </li>
          </>
        ) : null}
        {me.role === 'manager' ? (
          <li>
            <NavLink to={paths.adminRetention.href()}>{t('admin.nav.retention')}</NavLink>
          </li>
        ) : null}
        <li>
          <NavLink to={paths.adminAudit.href()}>{t('admin.nav.audit')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
