import { expect, test } from '@playwright/test';
import { apiCreateParticipant, apiLogin, expectNoAxeViolations, openSignedIn, shoot, uniqueName } from './helpers';

test('caseworker records a consent, an ASI baseline and a responsible colleague on the participant page', async ({ page, request }) => {
  const auth = await apiLogin(request);
  const p = await apiCreateParticipant(request, auth, { first_name: 'Sam', last_name: uniqueName('Samtycke') });
  await openSignedIn(page, `/participants/${p.id}?tab=records`);
  await expect(page.getByRole('tab', { name: 'Samtycken, ASI, ansvariga' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Nytt samtycke' }).click();
  await page.getByLabel('Får delas med').selectOption({ label: 'Arbetsförmedlingen' });
  await page.getByLabel(/^Vad som får delas/).fill('Uppgifter om praktik och arbetsträning');
  await page.getByRole('button', { name: 'Spara samtycke' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Samtycket är registrerat' })).toBeVisible();
  const consents = page.getByRole('region', { name: 'Samtycken' });
  await expect(consents).toContainText('Uppgifter om praktik och arbetsträning');
  await expect(consents).toContainText('Gäller');

  await page.getByRole('button', { name: 'Ny ASI-intervju' }).click();
  await page.getByLabel('Alkohol: Intervjuarens skattning (0–9)').fill('6');
  await page.getByLabel('Alkohol: Klientens skattning (0–4)').fill('3');
  await expectNoAxeViolations(page, 'ASI form');
  await page.getByRole('button', { name: 'Spara intervju' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ASI-intervjun är registrerad' })).toBeVisible();
  const asi = page.getByRole('table', { name: /^Grundintervju/ });
  await expect(asi.getByRole('row', { name: /Alkohol/ })).toContainText('6');

  await page.getByRole('button', { name: 'Ny ansvarig' }).click();
  await page.getByLabel('Medarbetare', { exact: true }).selectOption({ label: 'Maria Arbetskonsulent (Arbetskonsulent)' });
  await page.getByLabel('Som', { exact: true }).selectOption({ label: 'Arbetskonsulent' });
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Medarbetaren är tilldelad' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Ansvariga medarbetare' })).toContainText('Maria Arbetskonsulent');

  await page.getByRole('button', { name: 'Återkalla: Arbetsförmedlingen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Samtycket är återkallat' })).toBeVisible();
  await expect(consents).toContainText('Återkallat');
  await expectNoAxeViolations(page, 'participant records tab');
  await shoot(page, 'participant-records');
});
