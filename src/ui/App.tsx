import { Header } from './components/Header';
import { Toc } from './components/Toc';
import { useLab } from './hooks/useLab';
import { useNcf } from './hooks/useNcf';
import { usePageDrop } from './hooks/usePageDrop';
import { DataPanel } from './panels/DataPanel';
import { FuturePanels } from './panels/FuturePanels';
import { NcfPanel } from './panels/ncf/NcfPanel';

/** Its own component, so that training progress re-renders the table of contents and not the whole page. */
function Sidebar() {
  const { state } = useLab();
  const { ncf } = useNcf();
  const runs = ncf.runs.length;
  const training = ncf.live ? `Training run #${ncf.live.no}…` : null;
  return (
    <aside className="sidebar">
      <Toc
        status={{
          data: state.dataset?.name,
          ncf: training ?? (runs ? `${runs} run${runs > 1 ? 's' : ''}` : undefined),
        }}
      />
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
          <DataPanel />
          <NcfPanel />
          <FuturePanels />
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
