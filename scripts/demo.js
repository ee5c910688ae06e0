// `npm run demo`: lints the sample SaaS app in tests/fixtures/demo-app with the built plugin's
// `recommended` preset and prints ESLint's usual `stylish` report. Findings are the point of the
// demo, so they do not fail it: the exit code is non-zero only when linting itself broke (an
// exception, or a file ESLint could not parse).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

const demoAppDir = fileURLToPath(new URL('../tests/fixtures/demo-app/', import.meta.url));
const pluginEntry = new URL('../dist/src/index.js', import.meta.url);

async function main() {
  if (!existsSync(pluginEntry)) {
    throw new Error(`${fileURLToPath(pluginEntry)} does not exist: run \`npm run build\` first.`);
  }
  const { default: plugin } = await import(pluginEntry.href);

  const eslint = new ESLint({
    cwd: demoAppDir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{ts,tsx,js,jsx,mjs,cjs}'], languageOptions: { parser: tsParser } },
      plugin.configs.recommended,
    ],
  });

  const results = await eslint.lintFiles(['.']);
  const formatter = await eslint.loadFormatter('stylish');
  const output = await formatter.format(results);

  const findings = results.reduce((count, result) => count + result.messages.length, 0);
  console.log(
    `eslint-plugin-production-ready ${plugin.meta.version} (recommended) on tests/fixtures/demo-app: ` +
      `${results.length} files linted with ESLint ${ESLint.version}.`,
  );
  console.log(output || '\nNo findings.\n');

  const fatal = results.flatMap((result) =>
    result.messages.filter((message) => message.fatal).map((message) => `${result.filePath}: ${message.message}`),
  );
  if (fatal.length > 0) {
    console.error(`Linting failed: ESLint could not parse ${fatal.length} file(s):\n${fatal.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`${findings} finding(s). This is a demo: findings do not fail it.`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
