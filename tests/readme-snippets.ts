/**
 * The README's code blocks, for the tests that run them: a block is a snippet when the line above
 * its opening fence (blank lines aside) is a marker `<!-- snippet: name -->`. The tests read the
 * README itself, so what users copy is what was tested.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const README = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');

export interface CodeBlock {
  /** The marker's name, or null for a block without one. */
  readonly name: string | null;
  readonly language: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const MARKER = /^<!--\s*snippet:\s*([\w-]+)\s*-->$/u;
const FENCE = /^(`{3,}|~{3,})\s*([\w-]*)/u;

/** Every fenced code block of a Markdown text, with the snippet name its marker gives it. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/u);
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index] ?? '');
    if (!open) continue;
    const fence = open[1] ?? '```';
    let end = index + 1;
    while (end < lines.length && !(lines[end] ?? '').startsWith(fence)) end++;
    let above = index - 1;
    while (above >= 0 && (lines[above] ?? '').trim() === '') above--;
    const marker = MARKER.exec((lines[above] ?? '').trim());
    blocks.push({
      name: marker?.[1] ?? null,
      language: (open[2] ?? '').toLowerCase(),
      code: `${lines.slice(index + 1, end).join('\n')}\n`,
      line: index + 1,
    });
    index = end;
  }
  return blocks;
}

/** The README's snippets by name; a name used twice is an error. */
export function readmeSnippets(markdown = readFileSync(README, 'utf8')): Map<string, CodeBlock> {
  const snippets = new Map<string, CodeBlock>();
  for (const block of codeBlocks(markdown)) {
    if (block.name === null) continue;
    if (snippets.has(block.name)) throw new Error(`README.md:${block.line}: snippet name "${block.name}" is used twice`);
    snippets.set(block.name, block);
  }
  return snippets;
}

/**
 * The code with its `import ... from '<specifier>'` sources replaced (exact specifiers only), so a
 * snippet written for an installed package loads the built plugin or a chosen ESLint major.
 */
export function withImportsFrom(code: string, sources: Readonly<Record<string, string>>): string {
  return code.replaceAll(/(\bfrom\s+)(['"])([^'"]+)\2/gu, (whole, from: string, quote: string, specifier: string) => {
    const replacement = sources[specifier];
    return replacement === undefined ? whole : `${from}${quote}${replacement}${quote}`;
  });
}
