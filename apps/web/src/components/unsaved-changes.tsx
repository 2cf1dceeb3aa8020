import { useEffect, useRef } from 'react';
import { addLeaveGuard, hasUnsavedChanges } from '../router';

let forms = 0;

/** The browser's own question before a reload, closing the tab or leaving for another site. */
function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (!hasUnsavedChanges()) return;
  event.preventDefault();
  // Older browsers ask only when a return value is set; what it says is not shown any more.
  event.returnValue = '';
}

/**
 * Warns before a form's changes are lost: the app's own navigation and the browser's back button ask the user first
 * (see `confirmLeaving`), and so does the browser before a reload or leaving the site. `dirty`: the form holds
 * changes that were not saved. Call `saved()` once they are, just before the form closes or the app moves on.
 */
export function useUnsavedChanges(dirty: boolean): { saved(): void } {
  const state = useRef({ dirty, saved: false });
  useEffect(() => {
    state.current.dirty = dirty;
  });
  useEffect(() => {
    const remove = addLeaveGuard(() => state.current.dirty && !state.current.saved);
    if (forms++ === 0) window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      remove();
      if (--forms === 0) window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);
  return {
    saved: () => {
      state.current.saved = true;
    },
  };
}
