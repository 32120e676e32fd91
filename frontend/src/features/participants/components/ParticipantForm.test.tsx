import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../../i18n';
import { ApiProblem } from '../../../api/problem';
import { emptyParticipantForm } from '../participant-form';
import { ParticipantForm } from './ParticipantForm';

function renderForm(props: Partial<React.ComponentProps<typeof ParticipantForm>> = {}) {
  const onSubmit = vi.fn();
  const utils = render(
    <ParticipantForm
      idPrefix="t"
      defaultValues={emptyParticipantForm('u1')}
      unitOptions={[{ value: 'u1', label: 'Enhet 1' }]}
      caseworkerOptions={[]}
      pending={false}
      serverError={null}
      submitLabel="Spara"
      onSubmit={onSubmit}
      {...props}
    />,
  );
  return { onSubmit, ...utils };
}

describe('ParticipantForm', () => {
  it('validates the personnummer while typing and fills in the birth date', async () => {
    const user = userEvent.setup();
    renderForm();
    const pnr = screen.getByLabelText('Personnummer eller samordningsnummer');
    await user.type(pnr, '811218-9877');
    expect(await screen.findByText(/kontrollsiffran stämmer inte/)).toBeInTheDocument();
    expect(pnr).toHaveAttribute('aria-invalid', 'true');
    expect(pnr.getAttribute('aria-describedby')).toContain('t-personal_identity_number-error');

    await user.clear(pnr);
    await user.type(pnr, '811218-9876');
    expect(await screen.findByText('Giltigt personnummer, födelsedatum 1981-12-18.')).toBeInTheDocument();
    expect(pnr).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('Födelsedatum')).toHaveValue('1981-12-18');
  });

  it('shows server field errors on their fields', async () => {
    const problem = ApiProblem.fromBody(422, {
      type: 'https://stegvis.se/problems/validation',
      title: 'Invalid fields',
      status: 422,
      errors: [{ field: 'last_name', message: 'must not be empty' }],
    });
    renderForm({ serverError: problem });
    const lastName = screen.getByLabelText(/^Efternamn/);
    expect(await screen.findByText('must not be empty')).toBeInTheDocument();
    expect(lastName).toHaveAttribute('aria-invalid', 'true');
    expect(lastName).toHaveFocus();
  });

  it('does not submit with missing required fields', async () => {
    const user = userEvent.setup();
    const { onSubmit } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Förnamn/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Förnamn/)).toHaveFocus();
  });
});
