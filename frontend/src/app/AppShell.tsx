import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { mayImport } from '../features/import/import-logic';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { paths } from '../config/paths';
import { useLogout, useStaff } from '../features/auth';

/** The signed-in layout: skip link, header with navigation and user, and the page. */
export function AppShell() {
  const { t } = useTranslation();
  const staff = useStaff();
  const logout = useLogout();
  const navigate = useNavigate();

  const onLogout = () =>
    logout.mutate(undefined, { onSettled: () => void navigate(paths.login.href(), { replace: true }) });

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <NavLink to={paths.home.href()} className="brand">
            {t('app.name')}
          </NavLink>
          <nav aria-label={t('shell.navLabel')} className="shell__nav">
            <ul>
              <li>
                <NavLink to={paths.home.href()} end>
                  {t('nav.myDay')}
                </NavLink>
              </li>
              <li>
                <NavLink to={paths.participants.href()} end={false}>
                  {t('nav.participants')}
                </NavLink>
              </li>
              <li>
                <NavLink to={paths.referrals.href()} end={false}>
                  {t('nav.referrals')}
                </NavLink>
              </li>
              <li>
                <NavLink to={paths.housing.href()} end={false}>
                  {t('nav.housing')}
                </NavLink>
              </li>
              <li>
                <NavLink to={paths.programmes.href()} end={false}>
                  {t('nav.programmes')}
                </NavLink>
              </li>
              {staff.role !== 'admin' ? (
                <li>
                  <NavLink to={paths.employers.href()} end={false}>
                    {t('nav.work')}
                  </NavLink>
                </li>
              ) : null}
              {staff.role === 'manager' || staff.role === 'caseworker' ? (
                <li>
                  <NavLink to={paths.reports.href()} end={false}>
                    {t('nav.reports')}
                  </NavLink>
                </li>
              ) : null}
              {mayImport(staff.role) ? (
                <li>
                  <NavLink to={paths.imports.href()} end={false}>
                    {t('nav.import')}
                  </NavLink>
                </li>
              ) : null}
              {staff.role === 'admin' || staff.role === 'manager' ? (
                <li>
                  <NavLink to={staff.role === 'admin' ? paths.adminStaff.href() : paths.adminAudit.href()} end={false}>
                    {t('nav.admin')}
                  </NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="shell__user">
            <p className="shell__who">
              <span className="shell__name">{staff.display_name}</span>
              <span className="shell__role">{t(`roles.${staff.role}`)}</span>
            </p>
            <LanguageSwitch />
            <button type="button" className="button button--small" onClick={onLogout} disabled={logout.isPending}>
              {t('shell.logout')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="shell__main">
        <Outlet />
      </main>
    </div>
  );
}
