// Formats read line by line: pip requirement files, go.mod/go.sum, Gemfile(.lock), yarn.lock v1 and Gradle scripts
// have no maintained JavaScript parser (Gradle and setup.py are programs), and each states one dependency per line.
import type { Ecosystem } from '../catalogue.js';
import type { Dependency } from '../manifests.js';

const lines = (text: string): string[] => text.split(/\r?\n/);

/** The distribution name at the start of a PEP 508 requirement ("telethon[cryptg]>=1.3; python_version>'3'"). */
const PEP508_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
export const pep508Name = (requirement: string): string | undefined => PEP508_NAME.exec(requirement)?.[1];

/** A requirement file's "-r other.txt" / "--requirement other.txt" lines: files pip reads as part of this one. */
export interface Include {
  path: string;
  line: number;
}

const INCLUDE = /^(?:-r|--requirement)(?:\s+|=)(\S+)/;
const EDITABLE = /^(?:-e|--editable)(?:\s+|=)(\S+)/;

/** The project a requirement line installs: a PEP 508 name, a VCS or URL line's "#egg=" name, or none. */
function requirementName(line: string): string | undefined {
  const editable = EDITABLE.exec(line)?.[1];
  const target = editable ?? line;
  if (target.startsWith('-')) return undefined;
  const egg = /#egg=([^&\s]+)/.exec(target)?.[1];
  if (egg) return pep508Name(egg);
  // A URL or path without "#egg=" names no project pip could tell us (name @ url is PEP 508 and handled below).
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || /^[./~]/.test(target)) return undefined;
  return pep508Name(target);
}

/** Requirement lines without their comments, joined where a line ends with a backslash; each with its first line. */
function requirementLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  lines(text).forEach((raw, i) => {
    const stripped = raw.replace(/(^|\s)#(?!egg=).*$/, '');
    const continued = stripped.endsWith('\\');
    const part = (continued ? stripped.slice(0, -1) : stripped).trim();
    pending = pending ? { text: `${pending.text} ${part}`, line: pending.line } : { text: part, line: i + 1 };
    if (continued) return;
    if (pending.text) out.push(pending);
    pending = undefined;
  });
  if (pending?.text) out.push(pending);
  return out;
}

function requirements(text: string): Dependency[] {
  return requirementLines(text).flatMap(({ text: line, line: number }) => {
    const name = requirementName(line);
    return name ? [{ ecosystem: 'pypi' as const, name, line: number }] : [];
  });
}

export function requirementIncludes(text: string): Include[] {
  return requirementLines(text).flatMap(({ text: content, line }) => {
    const path = INCLUDE.exec(content)?.[1];
    return path ? [{ path, line }] : [];
  });
}

/**
 * setup.py is a program, so this reads string literals only: those inside `install_requires=[…]` and the lists of
 * `extras_require={…}` (keys, followed by ":", are extra names). A requirement computed at run time is not seen.
 */
function setupPy(text: string): Dependency[] {
  const found: Dependency[] = [];
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  for (const start of text.matchAll(/\b(install_requires|extras_require)\s*=\s*([[{(])/g)) {
    let depth = 0;
    const tokens = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[[\]{}()]|#[^\n]*/g;
    tokens.lastIndex = (start.index ?? 0) + start[0].length - 1;
    for (let token = tokens.exec(text); token; token = tokens.exec(text)) {
      const value = token[0];
      if ('[{('.includes(value)) depth++;
      else if (')]}'.includes(value)) depth--;
      else if (!value.startsWith('#') && !/^\s*:/.test(text.slice(token.index + value.length))) {
        const name = pep508Name(value.slice(1, -1));
        if (name) found.push({ ecosystem: 'pypi', name, line: lineAt(token.index) });
      }
      if (depth === 0) break;
    }
  }
  return found;
}

/**
 * setup.cfg is read by Python's configparser, whose multi-line values (indented continuation lines, the way
 * install_requires is written) no JavaScript INI parser implements: the npm `ini` package reads each continuation
 * line as a key of its own. So this follows configparser's rules for the two places that list requirements:
 * `install_requires` in [options] and every key of [options.extras_require].
 */
function setupCfg(text: string): Dependency[] {
  const found: Dependency[] = [];
  let section = '';
  let collecting = false;
  const take = (value: string, line: number) => {
    const name = pep508Name(value.replace(/\s[#;].*$/, ''));
    if (name && !/^\s*[#;]/.test(value)) found.push({ ecosystem: 'pypi', name, line });
  };
  lines(text).forEach((raw, i) => {
    if (!raw.trim() || /^[#;]/.test(raw)) return;
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header?.[1]) {
      section = header[1].trim();
      collecting = false;
      return;
    }
    if (/^\s/.test(raw)) {
      if (collecting) take(raw.trim(), i + 1);
      return;
    }
    const entry = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    collecting = (section === 'options' && entry?.[1] === 'install_requires') || (section === 'options.extras_require' && entry !== null);
    if (collecting && entry?.[2]) for (const value of entry[2].split(';')[0]?.split(',') ?? []) if (value.trim()) take(value.trim(), i + 1);
  });
  return found;
}

function goMod(text: string): Dependency[] {
  const found: Dependency[] = [];
  let inBlock = false;
  lines(text).forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (/^require\s*\($/.test(line)) inBlock = true;
    else if (inBlock && line === ')') inBlock = false;
    else {
      const match = inBlock ? /^(\S+)\s+\S+/.exec(line) : /^require\s+(\S+)\s+\S+/.exec(line);
      if (match?.[1]) found.push({ ecosystem: 'go', name: match[1], line: i + 1 });
    }
  });
  return found;
}

/**
 * go.sum: "<module> <version> <hash>" for modules whose code was downloaded; a "<version>/go.mod" line alone only
 * means the module graph mentions it (no code of it is built), so those lines are not evidence.
 */
function goSum(text: string): Dependency[] {
  return lines(text).flatMap((line, i) => {
    const module = /^(\S+)\s+v[^\s/]+\s+h1:/.exec(line)?.[1];
    return module ? [{ ecosystem: 'go' as const, name: module, line: i + 1 }] : [];
  });
}

function gemfile(text: string): Dependency[] {
  return lines(text).flatMap((line, i) => {
    const name = /^\s*gem\s*\(?\s*["']([^"']+)["']/.exec(line)?.[1];
    return name ? [{ ecosystem: 'rubygems' as const, name, line: i + 1 }] : [];
  });
}

/** Gemfile.lock: gems resolved under "specs:" (four spaces) and those asked for under DEPENDENCIES (two). */
function gemfileLock(text: string): Dependency[] {
  let section = '';
  return lines(text).flatMap((line, i) => {
    if (/^[A-Z]/.test(line)) section = line.trim();
    const spec = /^ {4}([A-Za-z0-9_.-]+) \(/.exec(line)?.[1];
    const wanted = section === 'DEPENDENCIES' ? /^ {2}([A-Za-z0-9_.-]+)(?:!|\s|$)/.exec(line)?.[1] : undefined;
    const name = spec ?? wanted;
    return name ? [{ ecosystem: 'rubygems' as const, name, line: i + 1 }] : [];
  });
}

/** yarn.lock entry headers: `"@scope/a@^1.0.0", "@scope/a@^1.2":`, `a@npm:^1:`, or an alias `wa@npm:@s/b@^6:`. */
function yarnLock(text: string): Dependency[] {
  const found: Dependency[] = [];
  lines(text).forEach((line, i) => {
    if (!line || /^[\s#]/.test(line) || !line.endsWith(':') || line.startsWith('__metadata')) return;
    for (const spec of line.slice(0, -1).split(/,\s*/)) {
      const unquoted = spec.trim().replace(/^"|"$/g, '');
      const at = unquoted.indexOf('@', 1);
      if (at <= 0) continue;
      const range = unquoted.slice(at + 1);
      const aliased = range.startsWith('npm:@') || /^npm:[^@]+@/.test(range) ? range.slice(4) : undefined;
      const name = aliased ? aliased.slice(0, aliased.indexOf('@', 1)) : unquoted.slice(0, at);
      found.push({ ecosystem: 'npm', name, line: i + 1 });
    }
  });
  return found;
}

const GRADLE_CONFIGURATIONS = /^\s*(implementation|api|compile|compileOnly|runtimeOnly|testImplementation|testCompileOnly|testRuntimeOnly|annotationProcessor|kapt|ksp|developmentOnly)\b/;

/** Gradle scripts: "group:name:version" strings and map notation (`group: 'x', name: 'y'` or `group = "x", name = "y"`). */
function gradle(text: string): Dependency[] {
  const found: Dependency[] = [];
  const maven = (group: string, artifact: string, line: number): Dependency => ({ ecosystem: 'maven' as Ecosystem, name: `${group}:${artifact}`, line });
  lines(text).forEach((line, i) => {
    if (!GRADLE_CONFIGURATIONS.test(line)) return;
    for (const m of line.matchAll(/["']([\w.-]+):([\w.-]+)(?::[^"']*)?["']/g)) if (m[1] && m[2]) found.push(maven(m[1], m[2], i + 1));
    const group = /\bgroup\s*[:=]\s*["']([\w.-]+)["']/.exec(line)?.[1];
    const name = /\bname\s*[:=]\s*["']([\w.-]+)["']/.exec(line)?.[1];
    if (group && name) found.push(maven(group, name, i + 1));
  });
  return found;
}

export const parsers = { requirements, setupPy, setupCfg, goMod, goSum, gemfile, gemfileLock, yarnLock, gradle };
