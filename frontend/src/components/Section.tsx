import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  id: string;
  title: ReactNode;
  /** Move focus to the heading when the section appears (inline forms opened by a button). */
  focusOnMount?: boolean;
  level?: 2 | 3;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A card with a heading that labels it; optionally takes focus when it opens. */
export function Section({ id, title, focusOnMount, level = 2, actions, children, className }: Props) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={`${id}-title`}>
      <div className="card__header">
        <H id={`${id}-title`} ref={ref} tabIndex={focusOnMount ? -1 : undefined} className="card__title">
          {title}
        </H>
        {actions ? <div className="card__actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
