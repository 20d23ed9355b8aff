import { useEffect, useRef, useState } from 'react';
import { STAGES } from '../stages';
import './Toc.css';

/**
 * The stages, highlighting the one being read: a sticky column beside the notebook, and on a phone a
 * sticky bar of links that scrolls sideways to keep the current stage in view.
 */
export function Toc({ status }: { status: Record<string, string | undefined> }) {
  const [active, setActive] = useState(STAGES[0].id);
  const list = useRef<HTMLOListElement>(null);

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

  // Only the phone bar scrolls sideways; scrolling the list itself never moves the page.
  useEffect(() => {
    const ol = list.current;
    const link = ol?.querySelector('a.active');
    if (!ol || !link || ol.scrollWidth <= ol.clientWidth) return;
    const box = link.getBoundingClientRect();
    const left = ol.scrollLeft + box.left - ol.getBoundingClientRect().left;
    ol.scrollTo({ left: left - (ol.clientWidth - box.width) / 2, behavior: 'smooth' });
  }, [active]);

  return (
    <nav className="toc" aria-label="Stages" data-testid="stage-nav">
      <p className="toc-title">Notebook</p>
      <ol ref={list}>
        {STAGES.map((s, k) => {
          const line = status[s.id] ?? s.blurb;
          return (
            <li key={s.id}>
              <a
                href={`#${s.id}`}
                className={active === s.id ? 'active' : undefined}
                aria-current={active === s.id ? 'location' : undefined}
                title={`${s.title}: ${line}${s.ready ? '' : ' (coming next)'}`}
              >
                <span className="toc-step">{k + 1}</span>
                <span className="toc-text">
                  <span className="toc-name">
                    {s.title}
                    {!s.ready && <span className="toc-soon">soon</span>}
                  </span>
                  <span className="toc-blurb">{line}</span>
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
