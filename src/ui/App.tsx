import { Header } from './components/Header';
import { Toc } from './components/Toc';
import { useLab } from './hooks/useLab';
import { usePageDrop } from './hooks/usePageDrop';
import { DataPanel } from './panels/DataPanel';
import { FuturePanels } from './panels/FuturePanels';

export function App() {
  const { state, lab } = useLab();
  const dragging = usePageDrop(lab.openFiles);
  const ds = state.dataset;
  return (
    <>
      <Header />
      <div className="layout">
        <aside className="sidebar">
          <Toc status={{ data: ds ? ds.name : undefined }} />
        </aside>
        <main className="notebook">
          <DataPanel />
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
