import { useRef } from 'react';
import { randomId } from './ids';

/**
 * One Idempotency-Key per distinct request body: sending the same form again after a lost
 * response returns the first result instead of creating the record twice.
 */
export function useIdempotencyKeys() {
  const keys = useRef(new Map<string, string>());
  return (body: unknown): string => {
    const json = JSON.stringify(body);
    const key = keys.current.get(json) ?? randomId();
    keys.current.set(json, key);
    return key;
  };
}
