/**
 * Every example in the rule docs lints as it claims. A fenced ```ts/tsx/js/jsx/mjs block is an
 * example when its caption — the paragraph right above it, which is the nearest preceding
 * non-empty line and the lines it wraps from — contains ❌ (the rule must report at least once) or
 * ✅ (the rule must not report). A block may start with `// filename: path/x.ts` (linted as that
 * path, relative to the repository root, so file-based conventions such as Next.js `app/**\/route.ts`
 * apply) and `// options: {json}` (the rule's options). Every block is parsed by
 * @typescript-eslint/parser, with only the documented rule on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { rules } from '../../src/rules/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = path.join(ROOT, 'docs/rules');
const NAMESPACE = 'production-ready';

const LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'file.ts',
  tsx: 'file.tsx',
  js: 'file.js',
  jsx: 'file.jsx',
  mjs: 'file.mjs',
};

interface Example {
  /** 1-based index among the doc's code blocks of the languages above. */
  readonly index: number;
  /** 1-based line of the opening fence in the doc. */
  readonly line: number;
  readonly language: string;
  readonly code: string;
  readonly expectation: 'reports' | 'silent' | null;
  readonly filename: string;
  readonly options: unknown[] | null;
  readonly firstCodeLine: string;
}

const DIRECTIVE = /^\s*\/\/\s*(filename|options):\s*(.*?)\s*$/u;

/** The example code blocks of a Markdown document. */
function extractExamples(markdown: string): Example[] {
  const lines = markdown.split(/\r?\n/u);
  const examples: Example[] = [];
  let index = 0;
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)(.*)$/u.exec(lines[lineIndex] ?? '');
    if (!open) continue;
    const fence = open[2] ?? '```';
    const language = (open[3] ?? '').toLowerCase();
    const body: string[] = [];
    let end = lineIndex + 1;
    for (; end < lines.length; end++) {
      const close = /^\s*(`{3,}|~{3,})\s*$/u.exec(lines[end] ?? '');
      if (close !== null && close[1]?.[0] === fence[0] && (close[1]?.length ?? 0) >= fence.length) break;
      body.push(lines[end] ?? '');
    }
    const opening = lineIndex;
    lineIndex = end;
    const defaultFilename = LANGUAGES[language];
    if (defaultFilename === undefined) continue;
    index++;
    const caption = captionAbove(lines, opening);
    const failing = caption.includes('❌');
    const passing = caption.includes('✅');
    let filename = defaultFilename;
    let options: unknown[] | null = null;
    for (const line of body) {
      const directive = DIRECTIVE.exec(line);
      if (!directive) break;
      if (directive[1] === 'filename') filename = directive[2] ?? filename;
      else options = [JSON.parse(directive[2] ?? 'null') as unknown];
    }
    examples.push({
      index,
      line: opening + 1,
      language,
      code: body.join('\n'),
      expectation: failing === passing ? null : failing ? 'reports' : 'silent',
      filename,
      options,
      firstCodeLine: body.find((line) => line.trim() !== '' && !DIRECTIVE.test(line))?.trim() ?? '(empty)',
    });
  }
  return examples;
}

/** The paragraph that ends on the nearest non-empty line above line `index`; '' if that is a fence. */
function captionAbove(lines: readonly string[], index: number): string {
  let end = index - 1;
  while (end >= 0 && (lines[end] ?? '').trim() === '') end--;
  if (end < 0 || /^\s*(?:`{3,}|~{3,})/u.test(lines[end] ?? '')) return '';
  let start = end;
  while (start > 0 && (lines[start - 1] ?? '').trim() !== '' && !/^\s*(?:`{3,}|~{3,}|#)/u.test(lines[start - 1] ?? '')) {
    start--;
  }
  return lines.slice(start, end + 1).join('\n');
}

const linter = new Linter({ cwd: ROOT });

function lintExample(ruleName: string, example: Example): Linter.LintMessage[] {
  const ruleId = `${NAMESPACE}/${ruleName}`;
  const config: Linter.Config = {
    files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: {
      parser: tsParser,
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: /\.[jt]sx$/u.test(example.filename) } },
    },
    plugins: { [NAMESPACE]: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
    rules: { [ruleId]: example.options ? ['error', ...example.options] : 'error' },
  };
  return linter.verify(example.code, config, { filename: path.join(ROOT, example.filename) });
}

function describeMessages(messages: readonly Linter.LintMessage[]): string[] {
  return messages.map((message) => `${message.line}:${message.column} ${message.ruleId ?? '(fatal)'} ${message.message}`);
}

describe('extractExamples (the docs parser these tests rely on)', () => {
  it('reads captions, languages, directives, and skips blocks without a caption', () => {
    const markdown = [
      '❌ Incorrect',
      '',
      '```ts',
      '// filename: app/api/x/route.ts',
      '// options: {"checkAllowlists": true}',
      "app.use(cors());",
      '```',
      '',
      '```ts',
      'not an example: the nearest line above is a fence',
      '```',
      '',
      '✅ Correct: a caption that wraps',
      'onto a second line',
      '',
      '```jsx',
      'const a = <A />;',
      '```',
      '',
      '```sh',
      'npm install',
      '```',
    ].join('\n');
    const examples = extractExamples(markdown);
    expect(examples.map(({ index, expectation, filename, options, firstCodeLine, language }) => ({
      index,
      expectation,
      filename,
      options,
      firstCodeLine,
      language,
    }))).toEqual([
      {
        index: 1,
        expectation: 'reports',
        filename: 'app/api/x/route.ts',
        options: [{ checkAllowlists: true }],
        firstCodeLine: 'app.use(cors());',
        language: 'ts',
      },
      { index: 2, expectation: null, filename: 'file.ts', options: null, firstCodeLine: 'not an example: the nearest line above is a fence', language: 'ts' },
      { index: 3, expectation: 'silent', filename: 'file.jsx', options: null, firstCodeLine: 'const a = <A />;', language: 'jsx' },
    ]);
  });
});

const docFiles = (() => {
  try {
    return readdirSync(DOCS).filter((file) => file.endsWith('.md')).sort();
  } catch {
    return [];
  }
})();

for (const name of Object.keys(rules)) {
  describe(`docs/rules/${name}.md`, () => {
    it('exists and has at least one ❌ and one ✅ example', () => {
      expect(docFiles).toContain(`${name}.md`);
      const examples = extractExamples(readFileSync(path.join(DOCS, `${name}.md`), 'utf8'));
      expect(examples.filter((example) => example.expectation === 'reports').length).toBeGreaterThan(0);
      expect(examples.filter((example) => example.expectation === 'silent').length).toBeGreaterThan(0);
    });
  });
}

for (const doc of docFiles) {
  const ruleName = doc.slice(0, -'.md'.length);
  if (!(ruleName in rules)) continue; // rules.test.ts reports a doc page without a rule
  const examples = extractExamples(readFileSync(path.join(DOCS, doc), 'utf8')).filter(
    (example) => example.expectation !== null,
  );
  describe(`docs/rules/${doc} examples`, () => {
    for (const example of examples) {
      const mark = example.expectation === 'reports' ? '❌' : '✅';
      it(`${doc} block #${example.index} (line ${example.line}, ${mark}): ${example.firstCodeLine}`, () => {
        const messages = lintExample(ruleName, example);
        const fatal = messages.filter((message) => message.fatal === true || message.ruleId === null);
        expect(describeMessages(fatal), 'the example must parse').toEqual([]);
        const reports = messages.filter((message) => message.ruleId === `${NAMESPACE}/${ruleName}`);
        if (example.expectation === 'reports') {
          expect(reports.length, `a ❌ example must report (linted as ${example.filename})`).toBeGreaterThan(0);
        } else {
          expect(describeMessages(reports), `a ✅ example must not report (linted as ${example.filename})`).toEqual([]);
        }
      });
    }
  });
}

/**
 * File roles (src/analysis/file-role.ts): every ❌ example is silent again when the same code sits
 * in a test folder, a seed file or a generated file — only a hard-coded live credential is
 * reported everywhere, since it leaks from any committed file.
 */
const ROLE_VARIANTS: readonly { readonly role: string; readonly rewrite: (example: Example) => Example }[] = [
  { role: 'test', rewrite: (example) => ({ ...example, filename: `e2e/${example.filename}` }) },
  { role: 'seed', rewrite: (example) => ({ ...example, filename: `seeds/${example.filename}` }) },
  { role: 'generated', rewrite: (example) => ({ ...example, code: `// Code generated by a tool. DO NOT EDIT.\n${example.code}` }) },
];

for (const doc of docFiles) {
  const ruleName = doc.slice(0, -'.md'.length);
  if (!(ruleName in rules)) continue;
  const failing = extractExamples(readFileSync(path.join(DOCS, doc), 'utf8')).filter((example) => example.expectation === 'reports');
  describe(`docs/rules/${doc} ❌ examples outside production code`, () => {
    for (const { role, rewrite } of ROLE_VARIANTS) {
      it(`are silent as ${role} files (hard-coded credentials aside)`, () => {
        let checked = 0;
        for (const example of failing) {
          const messages = lintExample(ruleName, rewrite(example));
          const reports = messages.filter((message) => message.ruleId === `${NAMESPACE}/${ruleName}` && message.messageId !== 'hardcodedSecret');
          expect(describeMessages(reports), `block #${String(example.index)} as a ${role} file`).toEqual([]);
          checked++;
        }
        expect(checked).toBe(failing.length);
        expect(checked).toBeGreaterThan(0);
      });
    }
  });
}
