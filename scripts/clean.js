// Removes dist/ before a build so that files of deleted modules cannot linger in the package.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
