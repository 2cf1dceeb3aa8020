import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Heading1, Paragraph } from '@utrecht/component-library-react';
import type { Result } from '../api/client';
import { messagesFor, type Problem } from '../api/problems';
import { takeFocusRequest } from '../router';

/** The screen's one `h1`; sets the document title, and takes the focus after navigation. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Baken`;
    if (takeFocusRequest()) ref.current?.focus();
  }, [title]);
  return (
    <Heading1 ref={ref} tabIndex={-1} className="baken-page-heading">
      {children ?? title}
    </Heading1>
  );
}

export function Loading({ what = 'gegevens' }: { what?: string }) {
  return (
    <p role="status" className="utrecht-paragraph baken-loading">
      Bezig met laden van {what}…
    </p>
  );
}

/** A finished request's message for the user, e.g. after a command. */
export function Notice({
  type,
  children,
  focus = false,
}: {
  type: 'ok' | 'info' | 'warning' | 'error';
  children: ReactNode;
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, children]);
  return (
    <Alert
      type={type}
      role={type === 'error' ? 'alert' : 'status'}
      ref={ref}
      tabIndex={focus ? -1 : undefined}
      className="baken-notice"
    >
      {typeof children === 'string' ? <Paragraph>{children}</Paragraph> : children}
    </Alert>
  );
}

/** Why data could not be shown. */
export function ProblemNotice({ problem, what }: { problem: Problem; what: string }) {
  return (
    <Notice type="error">
      <Paragraph>
        {what} kon niet worden geladen. {messagesFor(problem).summary}
      </Paragraph>
    </Notice>
  );
}

export type QueryState<T> =
  | { status: 'loading'; reload: () => Promise<void> }
  | { status: 'ok'; data: T; response: Response; reload: () => Promise<void> }
  | { status: 'error'; problem: Problem; reload: () => Promise<void> };

/**
 * Loads data for a screen; reloads when `key` changes or on `reload()`, whose promise settles once the new data is
 * shown. A stale answer never overwrites a newer one.
 */
export function useQuery<T>(load: () => Promise<Result<T>>, key: string): QueryState<T> {
  type Loaded =
    { status: 'loading' } | { status: 'ok'; data: T; response: Response } | { status: 'error'; problem: Problem };
  const [state, setState] = useState<Loaded & { key: string }>({ status: 'loading', key });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const waiting = useRef<(() => void)[]>([]);
  useEffect(() => {
    let current = true;
    loadRef.current().then((result) => {
      if (!current) return;
      setState(
        result.ok
          ? { status: 'ok', data: result.data, response: result.response, key }
          : { status: 'error', problem: result.problem, key },
      );
      const settled = waiting.current.splice(0);
      settled.forEach((resolve) => resolve());
    });
    return () => {
      current = false;
    };
  }, [key, generation]);
  const reload = useCallback(
    () =>
      new Promise<void>((resolve) => {
        waiting.current.push(resolve);
        setGeneration((g) => g + 1);
      }),
    [],
  );
  // Data of another key is never shown; after a reload of the same key the previous data stays until the new arrives.
  const shown: Loaded = state.key === key ? state : { status: 'loading' };
  return { ...shown, reload } as QueryState<T>;
}
