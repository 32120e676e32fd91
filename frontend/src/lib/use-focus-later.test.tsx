import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useFocusLater } from './use-focus-later';

function Toggle() {
  const [open, setOpen] = useState(false);
  const focusLater = useFocusLater();
  return (
    <div>
      <h2 id="title">Rubrik</h2>
      {open ? (
        <button type="button" onClick={() => { setOpen(false); focusLater('opener'); }}>
          Stäng
        </button>
      ) : (
        <button id="opener" type="button" onClick={() => setOpen(true)}>
          Öppna
        </button>
      )}
      <button type="button" onClick={() => focusLater('title')}>
        Till rubriken
      </button>
    </div>
  );
}

describe('useFocusLater', () => {
  it('focuses an element that only exists after the re-render, every time it is asked', () => {
    render(<Toggle />);
    for (let i = 0; i < 2; i++) {
      act(() => screen.getByRole('button', { name: 'Öppna' }).click());
      act(() => screen.getByRole('button', { name: 'Stäng' }).click());
      expect(screen.getByRole('button', { name: 'Öppna' })).toHaveFocus();
    }
  });

  it('makes a heading focusable first', () => {
    render(<Toggle />);
    act(() => screen.getByRole('button', { name: 'Till rubriken' }).click());
    expect(screen.getByRole('heading', { name: 'Rubrik' })).toHaveFocus();
    expect(screen.getByRole('heading', { name: 'Rubrik' })).toHaveAttribute('tabindex', '-1');
  });
});
