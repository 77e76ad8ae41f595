import { render } from 'preact';
import '@/components/theme.css';
import '@/components/card.css';
import '@/components/library/library.css';
import { LibraryApp } from '@/components/library/LibraryApp';
import { openDb } from '@/lib/db';

render(<LibraryApp db={openDb()} />, document.getElementById('app')!);
