import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ManifestError, type Dependency } from '../manifests.js';
import { SourceText } from '../source-text.js';

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type XmlNode = Record<string | symbol, unknown>;
const isNode = (value: unknown): value is XmlNode => typeof value === 'object' && value !== null;

/**
 * pom.xml: every <dependency> with a groupId and an artifactId, wherever it stands (dependencies,
 * dependencyManagement, profiles, plugin dependencies), at the line of its <artifactId>.
 */
function pom(text: string): Dependency[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ManifestError(`invalid XML at ${valid.err.line}:${valid.err.col}: ${valid.err.msg}`);
  const parser = new XMLParser({ ignoreAttributes: true, captureMetaData: true, processEntities: false, parseTagValue: false, isArray: (name) => name === 'dependency' });
  const source = new SourceText(text);
  const found: Dependency[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isNode(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'dependency' && Array.isArray(value)) {
        for (const dependency of value) {
          if (!isNode(dependency) || typeof dependency.groupId !== 'string' || typeof dependency.artifactId !== 'string') continue;
          const start = (dependency[META] as { startIndex?: number } | undefined)?.startIndex ?? 0;
          const artifact = source.find(/<artifactId>/, start);
          found.push({ ecosystem: 'maven', name: `${dependency.groupId.trim()}:${dependency.artifactId.trim()}`, line: source.lineAt(artifact === -1 ? start : artifact) });
        }
      } else walk(value);
    }
  };
  walk(parser.parse(text));
  return found;
}

export const parsers = { pom };
