import { render } from 'preact';
import '@/components/theme.css';
import '@/components/popup/popup.css';
import { Popup } from '@/components/popup/Popup';
import { readPage, targetTabId } from '@/lib/platform/page';
import { popupNav } from './nav';

const page = targetTabId().then((tab) => (tab == null ? null : readPage(tab)));
const env = import('./services').then((m) => m.popupEnv());

render(<Popup env={env} page={page} nav={popupNav()} />, document.getElementById('app')!);
