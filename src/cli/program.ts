import { Command, Option } from 'commander';
import { packageInfo } from '../util/package-root.js';
import { checkExamples, runCheck } from './commands/check.js';
import { initExamples, scanExamples, schemaExamples } from './commands/ci-help.js';
import { compareExamples } from './commands/compare/help.js';
import { reportExamples } from './commands/report/help.js';
import { interviewExamples } from './commands/interview/help.js';
import type { Io } from './io.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * Builds the commander program. Each action stores its exit code in `result.code`; nothing here exits the process.
 */
export function buildProgram(io: Io, result: { code: number }): Command {
  const program = new Command('chanrisk')
    .description('How risky is your planned use of business messengers? Platform terms, GDPR, UWG and API officiality.')
    .version(packageInfo().version)
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  const langOption = () => new Option('--lang <lang>', 'language of the output: en or de (default: from the system locale)');
  const rulesOption = () => new Option('--rules <dir>', 'add an organisation\'s own rule packs (repeatable)').argParser(collect);

  program
    .command('check')
    .description('assess one or more channel configs; the exit code gates a CI build')
    .argument('[config...]', 'channel-config YAML files (default: the configs of .chanrisk.yaml, else ./chanrisk.yaml)')
    .option('-f, --format <format>', 'text, json, sarif, junit, github or markdown', 'text')
    .option('-o, --output <file>', 'write the output to a file (atomically) instead of printing it')
    // No commander default: a default would hide whether the flag was given, and a given flag overrides .chanrisk.yaml.
    .option('--fail-on <level>', 'exit 1 when an active finding is at or above: low, medium, high, critical, never (default: high)')
    .addOption(langOption())
    .addOption(rulesOption())
    .option('--date <YYYY-MM-DD>', 'judge rules in force on this day (default: today)')
    .option('--no-acceptances', 'ignore accepted_risks: the unwaived picture for audits')
    .option('--baseline <file>', 'fail only on findings that are new or whose level rose since this baseline')
    .option('--write-baseline <file>', "record today's findings as the baseline")
    .option('--scan <dir>', 'read dependency manifests in this folder as evidence of how channels are connected')
    .addHelpText('after', checkExamples)
    .action(async (files: string[], options) => {
      result.code = await runCheck(files, options, io);
    });

  program
    .command('report')
    .description('write the client report for one channel config: Markdown or a self-contained HTML page')
    .argument('<config>', 'channel-config YAML file')
    .option('-o, --output <file>', 'the report file (default: reports/<organisation>-<date>.md or .html)')
    .option('-f, --format <format>', 'markdown or html (default: from the -o extension, else markdown)')
    .addOption(langOption())
    .option('--date <YYYY-MM-DD>', 'the assessment date; rules in force on this day (default: today)')
    .option('--force', 'overwrite an existing report file')
    .addOption(rulesOption())
    .addHelpText('after', reportExamples)
    .action(async (file: string, options) => {
      // Loaded on demand: marked and the report code stay off the `check` path.
      const { runReport } = await import('./commands/report/index.js');
      result.code = runReport(file, options, io);
    });

  program
    .command('compare')
    .description('weigh each planned channel against the alternative routes (other integrations, other platforms)')
    .argument('<config>', 'channel-config YAML file')
    .option('--channel <id>', 'compare only this channel (repeatable)', collect)
    .option('-f, --format <format>', 'text, json or markdown', 'text')
    .addOption(langOption())
    .option('--date <YYYY-MM-DD>', 'judge rules in force on this day (default: today)')
    .addOption(rulesOption())
    .addHelpText('after', compareExamples)
    .action(async (file: string, options) => {
      // Loaded on demand, like report: the compare code stays off the `check` path.
      const { runCompare } = await import('./commands/compare/index.js');
      result.code = runCompare(file, options, io);
    });

  const rules = program.command('rules').description('list, show, lint and test the rule packs');
  rules
    .command('list')
    .description('list every rule with its area and level range')
    .option('-f, --format <format>', 'text, json or markdown (the rule catalogue)', 'text')
    .addOption(langOption())
    .addOption(rulesOption())
    .addHelpText('after', '\nExamples:\n  $ chanrisk rules list\n  $ chanrisk rules list --format json --lang de\n  $ chanrisk rules list --format markdown > rules/CATALOGUE.md')
    .action(async (options) => {
      result.code = (await rulesCommand()).runRulesList(options, io);
    });
  rules
    .command('show')
    .description('show one rule: text, levels, modifiers and sources')
    .argument('<id>', 'rule id')
    .addOption(langOption())
    .addOption(rulesOption())
    .addHelpText('after', '\nExamples:\n  $ chanrisk rules show wa-unofficial-client\n  $ chanrisk rules show uwg-advertising-without-consent --lang de')
    .action(async (id: string, options) => {
      result.code = (await rulesCommand()).runRulesShow(id, options, io);
    });
  rules
    .command('lint')
    .description('validate packs: schema, unknown ids and options, duplicates, translations, sources, review dates')
    .argument('[dir]', 'a rules folder (with questionnaire.yaml) or a folder of extra packs; default: the built-in rules')
    .addOption(rulesOption())
    .option('--max-review-age <days>', 'warn about rules reviewed longer ago than this', '365')
    .option('--date <YYYY-MM-DD>', 'the day review ages are measured from (default: today)')
    .addHelpText('after', '\nExamples:\n  $ chanrisk rules lint\n  $ chanrisk rules lint ./our-packs --max-review-age 180\n\nExit codes: 0 valid (warnings allowed), 2 errors.')
    .action(async (dir: string | undefined, options) => {
      result.code = await (await rulesCommand()).runRulesLint(dir, options, io);
    });
  rules
    .command('test')
    .description("run every rule's own test cases")
    .argument('[dir]', 'a rules folder (with questionnaire.yaml) or a folder of extra packs; default: the built-in rules')
    .addOption(rulesOption())
    .addHelpText('after', '\nExamples:\n  $ chanrisk rules test\n  $ chanrisk rules test ./our-packs\n\nExit codes: 0 all pass, 1 a case fails, 2 a pack is invalid.')
    .action(async (dir: string | undefined, options) => {
      result.code = (await rulesCommand()).runRulesTest(dir, options, io);
    });

  program
    .command('interview')
    .description('guided interview for consultants: asks the questionnaire, writes a channel config, shows the result')
    .option('-o, --out <file>', 'the channel config to write (default: chanrisk.yaml)')
    .option('--resume <file>', 'continue a paused interview from its session file')
    .option('--report <file>', 'the Markdown report to write')
    .option('--no-report', 'write no report')
    .addOption(langOption())
    .addOption(rulesOption())
    .option('--date <YYYY-MM-DD>', 'judge rules in force on this day (default: today)')
    .addHelpText('after', interviewExamples)
    .action(async (options) => {
      // Loaded only here: inquirer and the interview stay off the `check` start-up path.
      const interview = await import('./commands/interview/index.js');
      result.code = await interview.runInterview(options, io);
    });

  program
    .command('scan')
    .description('list the messenger libraries a code base depends on (manifests and lockfiles), with file and line')
    .argument('<dir>', 'the folder of a code base')
    .option('-f, --format <format>', 'text or json', 'text')
    .addOption(langOption())
    .addHelpText('after', scanExamples)
    .action(async (dir: string, options) => {
      const { runScan } = await import('./commands/scan.js');
      result.code = runScan(dir, options, io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the channel config')
    .addHelpText('after', schemaExamples)
    .action(async () => {
      const { runSchema } = await import('./commands/schema.js');
      result.code = runSchema(io);
    });

  program
    .command('init')
    .description('write a commented starter channel config that points editors at the schema')
    .argument('[file]', 'the config to create (default: chanrisk.yaml); never overwritten')
    .addOption(langOption())
    .addHelpText('after', initExamples)
    .action(async (file: string | undefined, options) => {
      const { runInit } = await import('./commands/init.js');
      result.code = runInit(file, options, io);
    });

  return program;
}

// The rules commands (lint, rule self-tests, the evidence catalogue) load only when used: `check` never needs them.
const rulesCommand = () => import('./commands/rules.js');
