import { useEffect, useState } from 'react';
import { STAGES } from '../stages';
import './Toc.css';

/** Sticky table of contents; highlights the stage being read. */
export function Toc({ status }: { status: Record<string, string | undefined> }) {
  const [active, setActive] = useState(STAGES[0].id);

  useEffect(() => {
    const observer = new IntersectionObserver(
      (entries) => {
        const visible = entries
          .filter((e) => e.isIntersecting)
          .sort((a, b) => a.boundingClientRect.top - b.boundingClientRect.top);
        if (visible.length > 0) setActive(visible[0].target.id);
      },
      { rootMargin: '-80px 0px -60% 0px' },
    );
    for (const s of STAGES) {
      const el = document.getElementById(s.id);
      if (el) observer.observe(el);
    }
    return () => observer.disconnect();
  }, []);

  return (
    <nav className="toc" aria-label="Stages">
      <p className="toc-title">Notebook</p>
      <ol>
        {STAGES.map((s, k) => (
          <li key={s.id}>
            <a href={`#${s.id}`} className={active === s.id ? 'active' : undefined}>
              <span className="toc-step">{k + 1}</span>
              <span className="toc-text">
                <span className="toc-name">{s.title}</span>
                <span className="toc-blurb">{status[s.id] ?? s.blurb}</span>
              </span>
              {!s.ready && <span className="toc-soon">soon</span>}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
