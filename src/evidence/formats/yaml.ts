import { LineCounter, isMap, isScalar, parseDocument, type Node } from 'yaml';
import { ManifestError, type Dependency } from '../manifests.js';

/** "name@version" or "/name@version(peer)" or "/name/version" → name, for every pnpm lockfile version. */
function pnpmName(key: string): string {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
  const at = bare.indexOf('@', 1);
  if (at > 0) return bare.slice(0, at);
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? bare);
}

function pnpmLock(text: string): Dependency[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  if (doc.errors.length) throw new ManifestError(`invalid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
  const found: Dependency[] = [];
  const keysWithLines = (node: unknown, name: (key: string) => string) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const offset = (pair.key as Node).range?.[0] ?? 0;
      found.push({ ecosystem: 'npm', name: name(String(pair.key.value)), line: counter.linePos(offset).line });
    }
  };
  const root = doc.contents;
  if (!isMap(root)) return found;
  const get = (map: unknown, key: string): unknown => (isMap(map) ? map.get(key, true) : undefined);
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    keysWithLines(get(root, section), (k) => k);
    const importers = get(root, 'importers');
    if (isMap(importers)) for (const importer of importers.items) keysWithLines(get(importer.value, section), (k) => k);
  }
  keysWithLines(get(root, 'packages'), pnpmName);
  return found;
}

export const parsers = { pnpmLock };
