import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

interface PageHeadingProps {
  children: ReactNode;
  /** Text for the browser tab (defaults to the heading when it is a string). */
  documentTitle?: string;
  /** Changing this moves focus to the heading again (e.g. after a form closes). */
  focusKey?: string | number;
}

/**
 * The page's <h1>. It takes focus when the route's path changes, so screen-reader and keyboard
 * users start at the top of the new page, and it sets the document title.
 */
export function PageHeading({ children, documentTitle, focusKey }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  const title = documentTitle ?? (typeof children === 'string' ? children : undefined);

  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, [pathname, focusKey]);

  useEffect(() => {
    if (title) document.title = `${title} – Stegvis`;
  }, [title]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
