// The generator's own name and version, read once from package.json.

import { readFileSync } from 'node:fs';
import { packageRoot } from './package-root.js';

const pkg = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { name: string; version: string };

export const generatorVersion: string = pkg.version;
export const generatorName = `${pkg.name} ${pkg.version}`;
