import { createRequire } from 'node:module';

interface PackageJson {
  readonly name: string;
  readonly version: string;
}

// Self-reference through the package's own `exports` ("./package.json"): resolves to the same
// file from `src/` (tests) and from `dist/src/` (the published build), with no relative depth.
const require = createRequire(import.meta.url);
const pkg = require('eslint-plugin-production-ready/package.json') as PackageJson;

export const PACKAGE_NAME: string = pkg.name;
export const PACKAGE_VERSION: string = pkg.version;
