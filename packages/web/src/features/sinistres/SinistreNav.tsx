import { Stack } from '@mantine/core';
import { useElementSize, useMediaQuery } from '@mantine/hooks';
import type { TSectionSinistre } from '@statutis/domain';
import { type CSSProperties, type ReactNode, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import classes from './SinistreNav.module.css';

export interface NavItem {
  id: TSectionSinistre;
  label: string;
  /** What waits in the section, said after its name: « 2 manquantes ». */
  note?: string;
}

/**
 * The section shown at the top of the screen: the last one whose title has passed under the header and
 * the rubriques; at the very bottom of the page, the last one (it may be too short to reach the top).
 */
function useActiveSection(ids: readonly string[], offset: number): string | undefined {
  const [active, setActive] = useState<string | undefined>(ids[0]);
  const key = ids.join(' ');
  useEffect(() => {
    const list = key.split(' ');
    let frame = 0;
    const update = () => {
      frame = 0;
      const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      let current = list[0];
      for (const id of list) {
        const top = document.getElementById(id)?.getBoundingClientRect().top;
        if (top !== undefined && top <= offset + 48) current = id;
      }
      setActive(atBottom ? list.at(-1) : current);
    };
    const schedule = () => {
      if (!frame) frame = window.requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      if (frame) window.cancelAnimationFrame(frame);
    };
  }, [key, offset]);
  return active;
}

/**
 * Follows a link to a section (`#pieces` from the missing documents, the header's next action, the
 * rubriques, Back): once the page is complete, the section is scrolled into view and takes the focus,
 * so that the keyboard and the screen reader go on from there.
 */
export function useFollowHash(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }, [ready, hash]);
}

/**
 * The rubriques of a sinistre, kept in view while the page scrolls: a link per section, the one on
 * screen marked `aria-current`. The content is wrapped so that a section reached by its link is not
 * hidden under the rubriques.
 */
export function SinistreNav({ items, children }: { items: NavItem[]; children: ReactNode }) {
  const { ref, height } = useElementSize<HTMLElement>();
  // The rubriques stick under the header (64 px) from 48em only (SinistreNav.module.css).
  const sticky = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const active = useActiveSection(
    items.map((i) => i.id),
    64 + (sticky ? height : 0),
  );
  return (
    <Stack gap="lg" className={classes.content} style={{ '--sinistre-nav-height': `${height}px` } as CSSProperties}>
      <nav ref={ref} aria-label="Rubriques du sinistre" className={classes.nav}>
        <ul className={classes.list}>
          {items.map((item) => (
            <li key={item.id}>
              <a
                href={`#${item.id}`}
                className={classes.link}
                aria-current={active === item.id ? 'location' : undefined}
              >
                {item.label}
                {item.note && <span className={classes.note}> ({item.note})</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </Stack>
  );
}
