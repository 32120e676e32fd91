import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { drafts, sameValues, type Draft } from './draft';

interface Options<T extends FieldValues> {
  form: UseFormReturn<T, unknown, unknown>;
  staffId: string;
  /** Identifies the record and form, e.g. `mapping:<enrolmentId>`. */
  key: string;
  /** The server version the form was loaded from (null when creating). */
  baseVersion: number | null;
  /** False while the form shows server data that may not be edited. */
  enabled?: boolean;
}

/**
 * Keeps a local draft of `form` while it differs from what was loaded, and restores it when the
 * form is opened again (after a reload or a new login). Returns the restored draft (for a notice),
 * `discard()` to throw it away and `clear()` to call after a successful save.
 */
export function useFormDraft<T extends FieldValues>({ form, staffId, key, baseVersion, enabled = true }: Options<T>) {
  // The draft to restore is read once, when the form mounts (forms are keyed by record).
  const [restored, setRestored] = useState<Draft<T> | null>(() => {
    if (!enabled) return null;
    const draft = drafts.load<T>(staffId, key);
    return draft && !sameValues(draft.values, form.getValues()) ? draft : null;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<{ values: T; base: number | null } | null>(null);

  const write = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const pending = latest.current;
    latest.current = null;
    if (!pending) return;
    const defaults = form.formState.defaultValues;
    if (sameValues(pending.values, defaults)) drafts.remove(staffId, key);
    else drafts.save(staffId, key, pending.values, pending.base);
  }, [form, staffId, key]);

  useEffect(() => {
    if (restored) form.reset(restored.values, { keepDefaultValues: true });
    // Only once: later changes of `restored` (cleared after saving) must not reset the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Save on change (debounced), and at once when the page is hidden or the form unmounts.
  useEffect(() => {
    if (!enabled) return;
    const subscription = form.watch((values) => {
      latest.current = { values: values as T, base: baseVersion };
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(write, 300);
    });
    const onHide = () => write();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      subscription.unsubscribe();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      write();
    };
  }, [form, baseVersion, enabled, write]);

  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    latest.current = null;
    drafts.remove(staffId, key);
    setRestored(null);
  }, [staffId, key]);

  const discard = useCallback(() => {
    clear();
    form.reset(form.formState.defaultValues as T);
  }, [clear, form]);

  return { restored, clear, discard };
}
