import { render } from 'preact';
import '@/components/theme.css';
import '@/components/popup/popup.css';
import { Popup } from '@/components/popup/Popup';
import { openDb } from '@/lib/db';
import { sendMessage } from '@/lib/messaging';
import { readPage, targetTabId } from '@/lib/platform/page';
import { getSettings } from '@/lib/platform/settings';
import { openLibrary } from '@/lib/platform/tabs';

const page = targetTabId().then((tab) => (tab == null ? null : readPage(tab)));

render(
  <Popup
    env={{
      db: openDb(),
      page,
      prefs: getSettings(),
      saveLesson: (draft) => sendMessage('saveLesson', draft),
      updateLesson: (id, patch) => sendMessage('updateLesson', { id, patch }),
      deleteLessons: (ids) => sendMessage('deleteLessons', { ids }),
      suggestTags: (source) => sendMessage('suggestTags', { source }),
      openLesson: (id) => void openLibrary(id),
      copyText: (text) => navigator.clipboard.writeText(text),
      now: () => new Date(),
    }}
  />,
  document.getElementById('app')!,
);
