import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@/lib/error-text';
import { t } from '@/lib/i18n';

/**
 * A view whose code (export, import, digest) loads the first time it is shown, so the page's
 * first rows never wait for it.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyView(props: P) {
    const [view, setView] = useState<{ C: ComponentType<P> } | { error: string } | null>(null);
    useEffect(() => {
      let live = true;
      (pending ??= load()).then(
        (C) => live && setView({ C }),
        (e: unknown) => live && setView({ error: errorText(e) }),
      );
      return () => {
        live = false;
      };
    }, []);
    if (!view) return <p class="loading">{t('common.loading')}</p>;
    if ('error' in view) return <p role="alert">{t('library.viewFailed', { error: view.error })}</p>;
    return h(view.C, props);
  };
}
