import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { isApiProblem } from '../../api/client';
import { TextField } from '../../components/fields';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { safeNextPath } from '../../config/paths';
import { useLogin } from './auth-api';
import { useSession } from './session-hooks';

const loginSchema = z.object({
  username: z.string().check(z.trim(), z.minLength(1, { error: 'validation.required' })),
  password: z.string().check(z.minLength(1, { error: 'validation.required' })),
});
type LoginValues = z.infer<typeof loginSchema>;

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const current = useSession();
  const login = useLogin();
  const next = safeNextPath(params.get('next'));
  const expired = params.get('reason') === 'expired';

  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<LoginValues>({ resolver: zodResolver(loginSchema), defaultValues: { username: '', password: '' } });

  if (current && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const onSubmit = handleSubmit((values) =>
    login.mutate(values, { onSuccess: () => void navigate(next, { replace: true }) }),
  );

  const badCredentials = isApiProblem(login.error) && login.error.status === 401;

  return (
    <div className="login-layout">
      <header className="login-layout__top">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="login-card">
        <PageHeading>{t('auth.login.title')}</PageHeading>
        <p className="muted">{t('auth.login.intro')}</p>
        {expired && !login.error ? (
          <div role="status" className="alert alert--info">
            {t('auth.login.expired')}
          </div>
        ) : null}
        {login.error ? (
          <ProblemAlert error={login.error} title={badCredentials ? t('auth.login.badCredentials') : undefined} />
        ) : null}
        <form onSubmit={onSubmit} noValidate className="form">
          <TextField
            id="login-username"
            label={t('auth.login.username')}
            autoComplete="username"
            registration={register('username')}
            error={errors.username?.message && t(errors.username.message as 'validation.required')}
            required
          />
          <TextField
            id="login-password"
            type="password"
            label={t('auth.login.password')}
            autoComplete="current-password"
            registration={register('password')}
            error={errors.password?.message && t(errors.password.message as 'validation.required')}
            required
          />
          <button type="submit" className="button button--primary" disabled={login.isPending}>
            {login.isPending ? t('auth.login.submitting') : t('auth.login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
