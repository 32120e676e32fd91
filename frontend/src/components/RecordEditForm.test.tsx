import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../i18n';
import { ApiProblem } from '../api/problem';
import type { FieldSpec } from '../lib/record-edit';
import { RecordEditForm } from './RecordEditForm';

type Rec = { id: string; version: number; name: string; kind: string; note: string };
type V = { name: string; kind: string; note: string };
const fields: FieldSpec<V>[] = [
  { name: 'name', label: 'Namn', required: true },
  { name: 'kind', label: 'Sort', type: 'select', options: [{ value: 'a', label: 'Sort A' }, { value: 'b', label: 'Sort B' }] },
  { name: 'note', label: 'Anteckning', type: 'textarea' },
];
const toForm = (r: Rec): V => ({ name: r.name, kind: r.kind, note: r.note });
const problem = (status: number, errors: { field: string; message: string }[] = []) =>
  new ApiProblem({ type: 'about:blank', title: 't', status, errors, extensions: {} });

function renderForm(
  save: (v: V, version: number) => Promise<unknown>,
  fresh: () => Promise<Rec | undefined>,
  opts: { record?: Rec; draft?: { staffId: string; key: string } } = {},
) {
  const onSaved = vi.fn();
  const record: Rec = opts.record ?? { id: 'r1', version: 1, name: 'Ada', kind: 'a', note: '' };
  const utils = render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
      <RecordEditForm<Rec, V>
        idPrefix="t"
        title="Ändra posten"
        record={record}
        toForm={toForm}
        fields={fields}
        fresh={fresh}
        save={save}
        onSaved={onSaved}
        onCancel={() => {}}
        draft={opts.draft}
      />
    </QueryClientProvider>,
  );
  return { onSaved, ...utils };
}

describe('RecordEditForm', () => {
  it('checks required fields in the browser and sends the version edited', async () => {
    const user = userEvent.setup();
    const save = vi.fn().mockResolvedValue({});
    const { onSaved } = renderForm(save, async () => undefined);
    await user.clear(screen.getByLabelText(/^Namn/));
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect(await screen.findByText('Fyll i fältet.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Namn/)).toHaveAttribute('aria-invalid', 'true');
    expect(save).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText(/^Namn/), 'Bea');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(save).toHaveBeenCalledWith({ name: 'Bea', kind: 'a', note: '' }, 1);
  });

  it('shows a server field error next to its field', async () => {
    const user = userEvent.setup();
    renderForm(() => Promise.reject(problem(422, [{ field: 'name', message: 'namnet finns redan' }])), async () => undefined);
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect(await screen.findByText('namnet finns redan')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Namn/)).toHaveAttribute('aria-invalid', 'true');
  });

  it("on 412 lists what changed and re-applies only this user's fields on top of the new version", async () => {
    const user = userEvent.setup();
    const theirs: Rec = { id: 'r1', version: 2, name: 'Ada', kind: 'b', note: '' };
    const save = vi.fn().mockRejectedValueOnce(problem(412)).mockResolvedValueOnce({});
    const { onSaved } = renderForm(save, async () => theirs);
    await user.type(screen.getByLabelText('Anteckning'), 'min text');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    const changes = await screen.findByTestId('stale-changes');
    expect(changes).toHaveTextContent('Sort: Sort A → Sort B');
    await user.click(screen.getByRole('button', { name: 'Spara mina ändringar ovanpå den nya versionen' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(save).toHaveBeenLastCalledWith({ name: 'Ada', kind: 'b', note: 'min text' }, 2);
  });

  it('on 412 "reload" shows the new version and drops the edit', async () => {
    const user = userEvent.setup();
    const theirs: Rec = { id: 'r1', version: 2, name: 'Ada Berg', kind: 'a', note: '' };
    renderForm(() => Promise.reject(problem(412)), async () => theirs);
    await user.type(screen.getByLabelText('Anteckning'), 'min text');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await user.click(await screen.findByRole('button', { name: 'Ladda om och kasta mina ändringar' }));
    await waitFor(() => expect(screen.getByLabelText(/^Namn/)).toHaveValue('Ada Berg'));
    expect(screen.getByLabelText('Anteckning')).toHaveValue('');
    expect(screen.queryByTestId('stale-changes')).not.toBeInTheDocument();
  });

  it('keeps a local draft; one made from an older version is saved with that version (so the server says 412)', async () => {
    const user = userEvent.setup();
    const draft = { staffId: 's1', key: 'test:edit:r1' };
    const first = renderForm(vi.fn(), async () => undefined, { draft });
    await user.type(screen.getByLabelText('Anteckning'), 'utkast');
    first.unmount(); // writes the draft at once

    const save = vi.fn().mockResolvedValue({});
    const { onSaved } = renderForm(save, async () => undefined, { draft, record: { id: 'r1', version: 2, name: 'Ada', kind: 'a', note: '' } });
    expect(screen.getByLabelText('Anteckning')).toHaveValue('utkast');
    expect(screen.getByRole('button', { name: 'Kasta utkastet' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(save).toHaveBeenCalledWith({ name: 'Ada', kind: 'a', note: 'utkast' }, 1);
    expect(window.localStorage.length).toBe(0);
  });
});
