import './styles/layout.css';
import { useSyncExternalStore } from 'react';
import { Header } from './components/Header';
import { Toc } from './components/Toc';
import { useLab } from './hooks/useLab';
import { usePageDrop } from './hooks/usePageDrop';
import { STAGES } from './stages';
import { StartHere } from './stages/ncf/StartHere';

/** Its own component, so that training progress re-renders the table of contents and not the whole page. */
function Sidebar() {
  const { state, lab } = useLab();
  // A line per stage: its store's, or for the Data stage the dataset's name.
  const lines = useSyncExternalStore(
    (l) => {
      const offs = STAGES.map((s) => lab.stageStore(s.id)?.subscribe(l));
      return () => offs.forEach((off) => off?.());
    },
    () => STAGES.map((s) => lab.stageStore(s.id)?.status() ?? '').join('\u0000'),
  );
  const status: Record<string, string | undefined> = {};
  lines.split('\u0000').forEach((line, k) => (status[STAGES[k].id] = line || undefined));
  status.data ??= state.dataset?.name;
  return (
    <aside className="sidebar">
      <Toc status={status} />
    </aside>
  );
}

export function App() {
  const { lab } = useLab();
  const dragging = usePageDrop(lab.openFiles);
  return (
    <>
      <Header />
      <div className="layout">
        <Sidebar />
        <main className="notebook">
          <StartHere />
          {STAGES.map(({ Panel, ...def }, k) => (
            <Panel key={def.id} stage={{ ...def, step: k + 1 }} />
          ))}
          <footer className="credits">
            MovieLens data courtesy of GroupLens Research, University of Minnesota (Harper &amp; Konstan,
            2015). Models run locally with TensorFlow.js; nothing you load leaves this page.
          </footer>
        </main>
      </div>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div>Drop ratings files or ml-100k.zip to load them</div>
        </div>
      )}
    </>
  );
}
