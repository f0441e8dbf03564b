import { useEffect } from 'react';

export const UNSAVED_CHANGES_MESSAGE = 'Ada jawaban yang belum disimpan. Tinggalkan halaman ini dan buang perubahan?';

/**
 * Asks before the page is left with unsaved changes: the browser's own prompt on reload or close
 * (beforeunload), and a confirmation on a link inside the portal. The portal's BrowserRouter has
 * no navigation blocker (that needs a data router), so links are caught before React Router's.
 */
export function useUnsavedChangesWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = UNSAVED_CHANGES_MESSAGE;
    };
    const onLinkClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!link || link.getAttribute('target') === '_blank' || link.getAttribute('href')?.startsWith('#')) return;
      if (!window.confirm(UNSAVED_CHANGES_MESSAGE)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onLinkClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onLinkClick, true);
    };
  }, [dirty]);
}
