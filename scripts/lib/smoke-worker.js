// Worker thread for scripts/smoke.js: lints its share of the files one at a time, so that a rule
// crash is pinned to one file and the remaining files still run. Each file's outcome is posted
// back to the main thread, which aggregates and prints.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

import tsParser from '@typescript-eslint/parser';

import {
  eslintOptions,
  harnessConfigs,
  isOurRuleCrash,
  loadESLint,
  loadPlugin,
  PLUGIN_PREFIX,
} from './eslint-setup.js';

const { files, eslintMajor, parserOptions, checkTypeInfo } = workerData;

const plugin = await loadPlugin();
const { ESLint } = await loadESLint(eslintMajor);
const eslint = new ESLint(
  eslintOptions([...harnessConfigs({ parserOptions, unignoreNodeModules: true }), plugin.configs.strict]),
);

/**
 * A typed run that silently fell back to untyped parsing would pass while testing nothing, so the
 * typed worker asks the parser directly, with the same options, whether a Program comes back.
 * With `parserOptions.project` typescript-estree caches the Program per tsconfig, so this reuses
 * the one ESLint just built.
 */
function hasTypeInfo(file, code) {
  try {
    const { services } = tsParser.parseForESLint(code, { ...parserOptions, filePath: file, sourceType: 'module' });
    return services.program != null;
  } catch {
    return false;
  }
}

for (const [index, file] of files.entries()) {
  const outcome = { type: 'file', file, ms: 0, findings: [], fatal: null, crash: null, other: [] };
  const code = fs.readFileSync(file, 'utf8');
  const start = performance.now();
  try {
    const [result] = await eslint.lintText(code, { filePath: file, warnIgnored: true });
    for (const m of result.messages) {
      if (m.ruleId?.startsWith(PLUGIN_PREFIX)) {
        outcome.findings.push({ ruleId: m.ruleId, line: m.line, message: m.message });
      } else if (m.fatal && m.ruleId == null) {
        outcome.fatal = `${m.line}:${m.column} ${m.message}`;
      } else {
        // Anything else (an "ignored file" warning, a foreign rule) means the harness is wrong.
        outcome.other.push(`${m.ruleId ?? '(no rule)'}: ${m.message}`);
      }
    }
  } catch (error) {
    outcome.crash = {
      ours: isOurRuleCrash(error),
      message: String(error?.message ?? error),
      stack: String(error?.stack ?? ''),
    };
  }
  outcome.ms = performance.now() - start;
  if (checkTypeInfo && index === 0) outcome.typeInfo = hasTypeInfo(file, code);
  parentPort.postMessage(outcome);
}
parentPort.postMessage({ type: 'done' });
