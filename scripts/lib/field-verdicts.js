// field/verdicts.tsv: a person's judgement of each report the field run produced, kept in the repo
// so that precision is measured, not guessed, and so a change that silences a true report or adds
// a false one shows up. One row per (app, path, line, rule):
//
//   app  commit  path  line  rule  verdict  reason
//
// verdict: `report` (a real problem that `recommended` should report), `strict` (worth reporting
// only under `strict`), `silent` (a false positive: correct code), `unsure`. `path` is relative to
// the app root with `/`; `rule` has no `production-ready/` prefix; `#` lines are comments.
import fs from 'node:fs';
import path from 'node:path';

export const VERDICTS = ['report', 'strict', 'silent', 'unsure'];
export const COLUMNS = ['app', 'commit', 'path', 'line', 'rule', 'verdict', 'reason'];
export const HEADER = COLUMNS.join('\t');

export const verdictKey = (app, file, line, rule) => `${app}\t${file}\t${line}\t${rule}`;

/** Tabs and newlines would break the row; a reason is free text. */
const cell = (text) => String(text ?? '').replace(/[\t\r\n]+/g, ' ');

/**
 * Reads the verdicts file (creating it with just the header when missing).
 *
 * @param {string} file
 * @param {Map<string, string>} commits app -> commit of its tree (from `.field-commit`)
 * @returns {{ byKey: Map<string, object>, rows: object[], stale: object[], problems: string[], otherApps: number }}
 *   `byKey` holds the rows that apply to the current trees; `stale` the rows of a selected app
 *   whose commit differs from its tree's; `otherApps` counts rows of apps not in this run.
 */
export function readVerdicts(file, commits) {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${HEADER}\n`);
  }
  const byKey = new Map();
  const rows = [];
  const stale = [];
  const problems = [];
  let otherApps = 0;
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  for (const [i, text] of lines.entries()) {
    const lineNo = i + 1;
    if (text.trim() === '' || text.startsWith('#') || text === HEADER) continue;
    const cols = text.split('\t');
    if (cols.length < 6) {
      problems.push(`line ${lineNo}: ${cols.length} columns, expected ${COLUMNS.length}`);
      continue;
    }
    const [app, commit, relPath, lineText, rule, verdict, ...reason] = cols;
    const row = { app, commit, path: relPath, line: Number(lineText), rule, verdict, reason: reason.join(' '), lineNo };
    if (!Number.isInteger(row.line) || row.line < 1) {
      problems.push(`line ${lineNo}: line number ${JSON.stringify(lineText)} is not a positive integer`);
      continue;
    }
    if (verdict !== '' && !VERDICTS.includes(verdict)) {
      problems.push(`line ${lineNo}: verdict ${JSON.stringify(verdict)} is not one of ${VERDICTS.join(', ')}`);
      continue;
    }
    if (rule.includes('/')) {
      problems.push(`line ${lineNo}: rule ${JSON.stringify(rule)} should not have a prefix`);
      continue;
    }
    if (!commits.has(app)) {
      otherApps += 1;
      continue;
    }
    if (commit !== commits.get(app)) {
      stale.push(row);
      continue;
    }
    // A row left without a verdict (a --write-missing row not filled in yet) judges nothing.
    if (verdict === '') continue;
    rows.push(row);
    const key = verdictKey(app, row.path, row.line, rule);
    if (byKey.has(key)) problems.push(`line ${lineNo}: duplicate of line ${byKey.get(key).lineNo} (${app} ${row.path}:${row.line} ${rule})`);
    else byKey.set(key, row);
  }
  return { byKey, rows, stale, problems, otherApps };
}

/** TSV rows for reports that have no verdict yet, one per (app, path, line, rule), verdict empty. */
export function missingRows(reports, commits) {
  const seen = new Set();
  const out = [];
  for (const r of reports) {
    const key = verdictKey(r.app, r.path, r.line, r.rule);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([r.app, commits.get(r.app) ?? '', r.path, r.line, r.rule, '', cell(r.message.slice(0, 160))].join('\t'));
  }
  return out;
}

export function writeMissing(file, reports, commits, comment) {
  const rows = missingRows(reports, commits);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, [`# ${comment}`, HEADER, ...rows].join('\n') + '\n');
  return rows.length;
}

/**
 * Precision per rule over the reports that have a verdict (`unsure` counted apart).
 * - recommended: report / (report + strict + silent): a `strict` verdict means the report belongs
 *   in `strict` only, so under `recommended` it is noise;
 * - strict: (report + strict) / (report + strict + silent).
 *
 * @returns {Map<string, { counts: Record<string, number>, unverdicted: number, precision: number | null }>}
 */
export function precisionByRule(reports, byKey, preset, ruleIds) {
  const out = new Map(ruleIds.map((id) => [id, { counts: { report: 0, strict: 0, silent: 0, unsure: 0 }, unverdicted: 0, precision: null }]));
  for (const r of reports) {
    if (r.preset !== preset) continue;
    const entry = out.get(r.rule) ?? { counts: { report: 0, strict: 0, silent: 0, unsure: 0 }, unverdicted: 0, precision: null };
    out.set(r.rule, entry);
    const v = byKey.get(verdictKey(r.app, r.path, r.line, r.rule));
    if (v) entry.counts[v.verdict] += 1;
    else entry.unverdicted += 1;
  }
  for (const entry of out.values()) {
    const { report, strict, silent } = entry.counts;
    const good = preset === 'recommended' ? report : report + strict;
    const judged = report + strict + silent;
    entry.precision = judged > 0 ? good / judged : null;
  }
  return out;
}
