import type { Lang, Rule } from '../policy/model.js';
import { levelName, t } from '../messages.js';
import type { AssessmentResult, TargetResult } from '../engine/result.js';
import type { Chunks } from './chunks.js';
import { isFailing, locateTargetFindings, type LocatedFinding } from './located.js';
import type { CheckRun } from './run.js';
import { repoRelativePath } from '../util/repo-path.js';

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
  const passedName = passedRuleNames(run.policy.rules, run.lang);
  for (const [index, result] of run.results.entries()) {
    for (const target of result.targets) {
      const suite = testSuite(result, target, locateTargetFindings(run, index, result, target), passedName, run.lang);
      if (suite) yield suite;
    }
  }
  yield '</testsuites>\n';
}

/** A passed rule's test case name, escaped once per rule: a thousand configs repeat the same few hundred. */
function passedRuleNames(rules: Rule[], lang: Lang): (rule: string) => string {
  const titles = new Map(rules.map((r) => [r.id, r.title[lang]]));
  const names = new Map<string, string>();
  return (rule) => {
    let name = names.get(rule);
    if (name === undefined) {
      const title = titles.get(rule);
      names.set(rule, (name = attr(title ? `${rule}: ${title}` : rule)));
    }
    return name;
  };
}

function testSuite(result: AssessmentResult, target: TargetResult, own: LocatedFinding[], passedName: (rule: string) => string, lang: Lang): string | undefined {
  const path = repoRelativePath(result.file);
  const className = attr(classname(path, target.id));
  const cases = own.map((l) => findingCase(l, className, lang));
  for (const rule of target.passed) cases.push(`      <testcase classname="${className}" name="${passedName(rule)}"/>`);
  if (!cases.length) return undefined;
  const failures = own.filter((l) => l.failing).length;
  return `  <testsuite name="${attr(`${path} ${target.id}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>\n`;
}

function findingCase(l: LocatedFinding, className: string, lang: Lang): string {
  const { finding, location } = l;
  // No file or line attributes: Jenkins' junit-10.xsd has none; the location leads the message instead.
  const head = `      <testcase classname="${className}" name="${attr(`${finding.rule}: ${finding.title[lang]}`)}"`;
  const status = finding.status === 'accepted' ? ` [${t('accepted', lang)}]` : '';
  const detail = `${location.file}:${location.line}:${location.column}: ${levelName(finding.level, lang)}${status}\n${finding.finding[lang]}\n→ ${finding.recommendation[lang]}`;
  if (!l.failing) return `${head}>\n        <system-out>${text(detail)}</system-out>\n      </testcase>`;
  return `${head}>\n        <failure message="${attr(`${levelName(finding.level, lang)}: ${finding.title[lang]}`)}" type="${finding.level}">${text(detail)}</failure>\n      </testcase>`;
}

/**
 * The config's repository path as it is, then the target: a channel id holds no "#", so no two configs or targets share
 * a class name (GitLab keeps only the first test of a class and name and drops the others).
 */
const classname = (path: string, target: string): string => `${path}#${target}`;

// XML 1.0 forbids most control characters even when escaped.
const clean = (value: string): string => value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
// Most values hold none of the characters the escapes below change; testing for them first is far cheaper.
const TEXT_SPECIAL = /[\0-\x08\x0B\x0C\x0E-\x1F&<>\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTR_SPECIAL = /[\0-\x1F"&<>\uD800-\uDFFF\uFFFE\uFFFF]/;
const text = (value: string): string => (TEXT_SPECIAL.test(value) ? clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : value);
const attr = (value: string): string =>
  ATTR_SPECIAL.test(value) ? text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;') : value;
