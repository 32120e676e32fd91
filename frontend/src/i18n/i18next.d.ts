import 'i18next';
import type sv from './sv.json';
import type { sv as featuresSv } from './features';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof sv & typeof featuresSv };
  }
}
