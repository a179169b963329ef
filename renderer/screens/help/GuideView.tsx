/**
 * The Help guide's Markdown subset, shown as elements (never as HTML): headings, paragraphs, lists,
 * code blocks, tables, and inline `code`, **bold** and links. Only links to the guide's own headings
 * are links; the rest read as their words.
 */
import { Fragment, type MouseEvent, type ReactNode } from 'react';

type Block =
  /** depth: the Markdown level (## is 2). */
  | { kind: 'heading'; text: string; depth: number }
  | { kind: 'code'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'paragraph'; text: string };

const TABLE_RULE = /^\|[\s|:-]+\|$/;

/** A table row's cells (`\|` is a pipe inside a cell). */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.replace(/\\\|/g, '|').trim());
}

export function parseGuide(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      const code: string[] = [];
      while (++i < lines.length && !lines[i]!.startsWith('```')) code.push(lines[i]!);
      blocks.push({ kind: 'code', text: code.join('\n') });
    } else if (/^#{1,4} /.test(line)) {
      blocks.push({ kind: 'heading', text: line.replace(/^#+ /, ''), depth: line.indexOf(' ') });
    } else if (/^\s*[-*] /.test(line)) {
      const items = [line.replace(/^\s*[-*] /, '')];
      while (i + 1 < lines.length && /^(\s*[-*] |\s{2,}\S)/.test(lines[i + 1]!)) {
        const next = lines[++i]!;
        if (/^\s*[-*] /.test(next)) items.push(next.replace(/^\s*[-*] /, ''));
        else items[items.length - 1] += ` ${next.trim()}`;
      }
      blocks.push({ kind: 'list', items });
    } else if (line.startsWith('|')) {
      const table = [line];
      while (i + 1 < lines.length && lines[i + 1]!.startsWith('|')) table.push(lines[++i]!);
      // As GitHub: the first row is the header when a rule row (| --- |) follows it.
      const headed = table.length > 1 && TABLE_RULE.test(table[1]!);
      const rows = table.filter((row) => !TABLE_RULE.test(row)).map(cells);
      blocks.push({ kind: 'table', head: headed ? rows[0]! : [], rows: headed ? rows.slice(1) : rows });
    } else if (line.trim() && !line.startsWith('<!--')) {
      const text = [line];
      while (i + 1 < lines.length && lines[i + 1]!.trim() && !/^(#|```|\s*[-*] |\|)/.test(lines[i + 1]!)) text.push(lines[++i]!);
      blocks.push({ kind: 'paragraph', text: text.join(' ') });
    }
  }
  return blocks;
}

const LINK = /^\[([^\]]+)\]\(([^)\s]+)\)$/;
const INLINE = /(`[^`]+`|\*\*[^*]+\*\*|\[[^\]]+\]\([^)\s]+\))/;

/** A heading's anchor as GitHub makes it: its words in lower case, punctuation dropped, spaces as hyphens. */
export function headingSlug(text: string): string {
  const words = text.replace(/\[([^\]]+)\]\([^)\s]+\)/g, '$1').replace(/`|\*\*/g, '');
  return words.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** The element id for an anchor: prefixed as GitHub does, so a heading never takes an id the app uses. */
const headingId = (slug: string) => `user-content-${slug}`;

/** An in-page link brings its heading to view with the focus; the address stays (the id's prefix would defeat the browser's own jump anyway). */
function goToHeading(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  const heading = document.getElementById(headingId((event.currentTarget.getAttribute('href') ?? '').slice(1)));
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus({ preventScroll: true });
}

/** `code`, **bold** and links inline; everything else as text. */
function inline(text: string, anchors: ReadonlySet<string>): ReactNode[] {
  return text.split(INLINE).map((part, i) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.startsWith('**') && part.endsWith('**') && part.length > 3) return <strong key={i}>{inline(part.slice(2, -2), anchors)}</strong>;
    const link = LINK.exec(part);
    if (link) {
      const words = link[1]!;
      const href = link[2]!;
      // Only the guide's own headings: a packing bench has no copy of the repository's files, and a
      // web page would take the bench's window away (the shell refuses to navigate anyway).
      if (href.startsWith('#') && anchors.has(href.slice(1))) {
        return (
          <a key={i} href={href} onClick={goToHeading}>
            {inline(words, anchors)}
          </a>
        );
      }
      return <Fragment key={i}>{inline(words, anchors)}</Fragment>;
    }
    return part;
  });
}

/**
 * The heading levels the guide's headings take under the Help screen's h2: its shallowest Markdown level
 * is h3, deeper ones one more per level, and none more than one below the heading before it (the guide
 * may open on a ### section), so a screen reader's list of headings nests as the guide does.
 */
export function headingLevels(blocks: readonly Block[]): number[] {
  const depths = blocks.flatMap((block) => (block.kind === 'heading' ? [block.depth] : []));
  const shallowest = Math.min(...depths);
  let previous = 2;
  return blocks.map((block) => {
    if (block.kind !== 'heading') return 0;
    previous = Math.min(3 + block.depth - shallowest, previous + 1, 6);
    return previous;
  });
}

export function GuideView({ markdown }: { markdown: string }) {
  const blocks = parseGuide(markdown);
  const levels = headingLevels(blocks);
  // Anchors as GitHub numbers repeats (x, x-1, x-2), so the README's own links land here too.
  const seen = new Map<string, number>();
  const slugs = blocks.map((block) => {
    if (block.kind !== 'heading') return '';
    const slug = headingSlug(block.text);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    return count === 0 ? slug : `${slug}-${count}`;
  });
  const anchors = new Set(slugs.filter(Boolean));
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'heading': {
            const Heading = `h${levels[i]}` as 'h3' | 'h4' | 'h5' | 'h6';
            // tabIndex -1: an in-page link gives it the focus, so Tab goes on from the section it opened.
            return (
              <Heading key={i} id={headingId(slugs[i]!)} tabIndex={-1}>
                {inline(block.text, anchors)}
              </Heading>
            );
          }
          case 'code':
            return <pre key={i}>{block.text}</pre>;
          case 'list':
            return (
              <ul key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>{inline(item, anchors)}</li>
                ))}
              </ul>
            );
          case 'table':
            return (
              <table key={i}>
                {block.head.length > 0 && (
                  <thead>
                    <tr>
                      {block.head.map((cell, j) => (
                        <th key={j} scope="col">
                          {inline(cell, anchors)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                )}
                <tbody>
                  {block.rows.map((row, j) => (
                    <tr key={j}>
                      {row.map((cell, k) => (
                        <td key={k}>{inline(cell, anchors)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          default:
            return <p key={i}>{inline(block.text, anchors)}</p>;
        }
      })}
    </>
  );
}
