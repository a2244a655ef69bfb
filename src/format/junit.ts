import type { Lang, Rule } from '../policy/model.js';
import { levelName, t } from '../messages.js';
import type { AssessmentResult, TargetResult } from '../engine/result.js';
import type { Chunks } from './chunks.js';
import { isFailing, locateTargetFindings, type LocatedFinding } from './located.js';
import type { CheckRun } from './run.js';

/**
 * JUnit XML: one suite per config and target, one test case per rule checked there. A finding that fails the build
 * is a <failure>; passed rules and findings below --fail-on (or accepted, or in the baseline) pass.
 */
export function* formatJunit(run: CheckRun): Chunks {
  // The totals head the document, so they are counted first; the suites are then written one at a time.
  let tests = 0;
  let failures = 0;
  for (const result of run.results) {
    for (const target of result.targets) {
      tests += target.findings.length + target.passed.length;
      failures += target.findings.filter((finding) => isFailing(run, finding)).length;
    }
  }
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="chanrisk" tests="${tests}" failures="${failures}" errors="0">\n`;
  const titles = new Map<string, Rule>(run.policy.rules.map((r) => [r.id, r]));
  for (const [index, result] of run.results.entries()) {
    for (const target of result.targets) {
      const suite = testSuite(result, target, locateTargetFindings(run, index, result, target), titles, run.lang);
      if (suite) yield suite;
    }
  }
  yield '</testsuites>\n';
}

function testSuite(result: AssessmentResult, target: TargetResult, own: LocatedFinding[], titles: Map<string, Rule>, lang: Lang): string | undefined {
  const cases = own.map((l) => findingCase(l, lang));
  for (const rule of target.passed) {
    const title = titles.get(rule)?.title[lang];
    cases.push(`      <testcase classname="${attr(classname(result.file, target.id))}" name="${attr(title ? `${rule}: ${title}` : rule)}"/>`);
  }
  if (!cases.length) return undefined;
  const failures = own.filter((l) => l.failing).length;
  return `  <testsuite name="${attr(`${result.file} ${target.id}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>\n`;
}

function findingCase(l: LocatedFinding, lang: Lang): string {
  const { finding, target, location } = l;
  const head = `      <testcase classname="${attr(classname(l.result.file, target.id))}" name="${attr(`${finding.rule}: ${finding.title[lang]}`)}" file="${attr(location.file)}" line="${location.line}"`;
  const status = finding.status === 'accepted' ? ` [${t('accepted', lang)}]` : '';
  const detail = `${location.file}:${location.line}:${location.column}: ${levelName(finding.level, lang)}${status}\n${finding.finding[lang]}\n→ ${finding.recommendation[lang]}`;
  if (!l.failing) return `${head}>\n        <system-out>${text(detail)}</system-out>\n      </testcase>`;
  return `${head}>\n        <failure message="${attr(`${levelName(finding.level, lang)}: ${finding.title[lang]}`)}" type="${finding.level}">${text(detail)}</failure>\n      </testcase>`;
}

const classname = (file: string, target: string): string => `chanrisk.${file.replace(/[\\/]/g, '.')}.${target}`;

// XML 1.0 forbids most control characters even when escaped.
const clean = (value: string): string => value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
const text = (value: string): string => clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (value: string): string => text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
