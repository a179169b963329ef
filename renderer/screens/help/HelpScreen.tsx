/**
 * Help: the README's user section, bundled into the renderer at build time (so it is there offline,
 * in the packaged app and in browser mode). A small Markdown subset is shown as elements (never as
 * HTML): headings, paragraphs, lists, code blocks and tables as plain text.
 */
import type { ReactNode } from 'react';
import guide from 'virtual:user-guide';

type Block = { kind: 'heading'; text: string } | { kind: 'code'; text: string } | { kind: 'list'; items: string[] } | { kind: 'paragraph'; text: string };

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
      blocks.push({ kind: 'heading', text: line.replace(/^#+ /, '') });
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
      blocks.push({ kind: 'code', text: table.filter((row) => !/^\|[\s|:-]+\|$/.test(row)).join('\n') });
    } else if (line.trim() && !line.startsWith('<!--')) {
      const text = [line];
      while (i + 1 < lines.length && lines[i + 1]!.trim() && !/^(#|```|\s*[-*] |\|)/.test(lines[i + 1]!)) text.push(lines[++i]!);
      blocks.push({ kind: 'paragraph', text: text.join(' ') });
    }
  }
  return blocks;
}

/** `code` and **bold** inline; everything else as text. */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part, i) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.startsWith('**') && part.endsWith('**') && part.length > 3) return <strong key={i}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

export function HelpScreen() {
  return (
    <section className="help-screen" aria-labelledby="help-heading">
      <h2 id="help-heading">Help</h2>
      {parseGuide(guide).map((block, i) => {
        switch (block.kind) {
          case 'heading':
            return <h3 key={i}>{inline(block.text)}</h3>;
          case 'code':
            return <pre key={i}>{block.text}</pre>;
          case 'list':
            return (
              <ul key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>{inline(item)}</li>
                ))}
              </ul>
            );
          default:
            return <p key={i}>{inline(block.text)}</p>;
        }
      })}
    </section>
  );
}
