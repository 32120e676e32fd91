import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Loading, SuccessMessage } from '../../components/Status';
import { formatDate } from '../../lib/format';
import { textOrNull } from '../../lib/form-errors';
import { useAdminUnits, useCreateUnit } from './admin-api';
import { AdminNav } from './components/AdminNav';

export function UnitsPage() {
  const { t } = useTranslation();
  const units = useAdminUnits();
  const create = useCreateUnit();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section>
      <PageHeading>{t('admin.units.title')}</PageHeading>
      <AdminNav />
      <p className="muted">{t('admin.units.intro')}</p>
      {notice ? <SuccessMessage>{notice}</SuccessMessage> : null}
      <form
        className="card form"
        aria-labelledby="unit-new-title"
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          create.mutate(
            { name: name.trim(), description: textOrNull(description) },
            {
              onSuccess: () => {
                setName('');
                setDescription('');
                setNotice(t('admin.units.created'));
              },
            },
          );
        }}
      >
        <h2 id="unit-new-title" className="card__title">
          {t('admin.units.new')}
        </h2>
        {create.error ? <ProblemAlert error={create.error} /> : null}
        <div className="grid">
          <div className="field">
            <label htmlFor="unit-name" className="field__label">
              {t('admin.units.name')} <span className="field__required">({t('form.required')})</span>
            </label>
            <input id="unit-name" className="input" required value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="unit-description" className="field__label">
              {t('admin.units.description')}
            </label>
            <input id="unit-description" className="input" value={description} onChange={(e) => setDescription(e.target.value)} />
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {t('admin.units.create')}
          </button>
        </div>
      </form>
      {units.isPending ? <Loading /> : null}
      {units.error ? <ProblemAlert error={units.error} /> : null}
      {units.data ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('admin.units.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.units.name')}</th>
                <th scope="col">{t('admin.units.description')}</th>
                <th scope="col">{t('admin.units.created_at')}</th>
              </tr>
            </thead>
            <tbody>
              {units.data.items.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}</th>
                  <td>{u.description ?? ''}</td>
                  <td className="nowrap">{formatDate(u.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
