import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { paths } from '../../../config/paths';
import { useStaff } from '../../auth';
import { canSeeCaseloads } from '../course';

/** Sub-navigation between the housing pages. */
export function HousingNav() {
  const { t } = useTranslation();
  const staff = useStaff();
  return (
    <nav aria-label={t('housing.nav.label')} className="subnav">
      <ul>
        <li>
          <NavLink to={paths.housing.href()} end>
            {t('housing.nav.board')}
          </NavLink>
        </li>
        <li>
          <NavLink to={paths.housingQueue.href()}>{t('housing.nav.queue')}</NavLink>
        </li>
        {canSeeCaseloads(staff.role) ? (
          <li>
            <NavLink to={paths.housingSupport.href()}>{t('housing.nav.support')}</NavLink>
          </li>
        ) : null}
        <li>
          <NavLink to={paths.housingCourse.href()}>{t('housing.nav.course')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
