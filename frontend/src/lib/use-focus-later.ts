import { useCallback, useEffect, useState } from 'react';

/**
 * `focusLater(id)` moves focus to the element with that id once React has committed the next
 * render (e.g. back to the button that opened a form that just closed, which only exists again
 * after the re-render). A heading or other non-focusable element gets `tabindex="-1"` first.
 */
export function useFocusLater() {
  const [request, setRequest] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (!request) return;
    const el = document.getElementById(request.id);
    if (!el) return;
    if (!el.matches('button, a[href], input, select, textarea, [tabindex]')) el.setAttribute('tabindex', '-1');
    el.focus();
  }, [request]);
  // A new object each time, so asking for the same element twice still runs the effect.
  return useCallback((id: string) => setRequest({ id }), []);
}
