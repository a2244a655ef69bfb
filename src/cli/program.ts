import { Command, Option } from 'commander';
import type { Lang } from '../policy/model.js';
import { packageInfo } from '../util/package-root.js';
import { runCheck } from './commands/check.js';
import { helpStyle, helpText, translateCommanderError } from './help-text.js';
import type { Io } from './io.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * Builds the commander program, its help in `lang` (read from argv and the locale before parsing). Each action stores
 * its exit code in `result.code`; nothing here exits the process.
 */
export function buildProgram(io: Io, result: { code: number }, lang: Lang = 'en'): Command {
  const h = helpText(lang);
  const program = new Command('chanrisk')
    .description(h.program)
    .version(packageInfo().version, '-V, --version', h.version)
    .helpOption('-h, --help', h.help)
    .helpCommand('help [command]', h.helpCommand)
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(translateCommanderError(text, lang)) })
    .configureHelp(helpStyle(lang))
    .exitOverride();

  const langOption = () => new Option('--lang <lang>', h.lang);
  const scanExcludeOption = () => new Option('--scan-exclude <glob>', h.scanExclude).argParser(collect);
  const rulesOption = () => new Option('--rules <dir>', h.rulesOption).argParser(collect);
  // Subcommands inherit the help option's words, the translated titles and the error output (commander copies them).

  program
    .command('check')
    .description(h.check.description)
    .argument('[config...]', h.check.config)
    .option('-f, --format <format>', h.check.format, 'text')
    .option('-o, --output <file>', h.check.output)
    // No commander default: a default would hide whether the flag was given, and a given flag overrides .chanrisk.yaml.
    .option('--fail-on <level>', h.check.failOn)
    .addOption(langOption())
    .addOption(rulesOption())
    .option('--date <YYYY-MM-DD>', h.date)
    .option('--no-acceptances', h.check.noAcceptances)
    .option('--baseline <file>', h.check.baseline)
    .option('--write-baseline <file>', h.check.writeBaseline)
    .option('--scan <dir>', h.check.scan)
    .addOption(scanExcludeOption())
    .addHelpText('after', h.check.examples)
    .action(async (files: string[], options) => {
      result.code = await runCheck(files, options, io);
    });

  program
    .command('report')
    .description(h.report.description)
    .argument('<config>', h.report.config)
    .option('-o, --output <file>', h.report.output)
    .option('-f, --format <format>', h.report.format)
    .addOption(langOption())
    .option('--date <YYYY-MM-DD>', h.report.date)
    .option('--force', h.report.force)
    .addOption(rulesOption())
    .addHelpText('after', h.report.examples)
    .action(async (file: string, options) => {
      // Loaded on demand: marked and the report code stay off the `check` path.
      const { runReport } = await import('./commands/report/index.js');
      result.code = await runReport(file, options, io);
    });

  program
    .command('compare')
    .description(h.compare.description)
    .argument('<config>', h.compare.config)
    .option('--channel <id>', h.compare.channel, collect)
    .option('-f, --format <format>', h.compare.format, 'text')
    .addOption(langOption())
    .option('--date <YYYY-MM-DD>', h.date)
    .addOption(rulesOption())
    .addHelpText('after', h.compare.examples)
    .action(async (file: string, options) => {
      // Loaded on demand, like report: the compare code stays off the `check` path.
      const { runCompare } = await import('./commands/compare/index.js');
      result.code = runCompare(file, options, io);
    });

  const rules = program.command('rules').description(h.rules.description);
  rules
    .command('list')
    .description(h.rules.list)
    .option('-f, --format <format>', h.rules.listFormat, 'text')
    .addOption(langOption())
    .addOption(rulesOption())
    .addHelpText('after', h.rules.listExamples)
    .action(async (options) => {
      result.code = (await rulesCommand()).runRulesList(options, io);
    });
  rules
    .command('show')
    .description(h.rules.show)
    .argument('<id>', h.rules.id)
    .addOption(langOption())
    .addOption(rulesOption())
    .addHelpText('after', h.rules.showExamples)
    .action(async (id: string, options) => {
      result.code = (await rulesCommand()).runRulesShow(id, options, io);
    });
  rules
    .command('lint')
    .description(h.rules.lint)
    .argument('[dir]', h.rules.dir)
    .addOption(rulesOption())
    .option('--date <YYYY-MM-DD>', h.rules.reviewDate)
    .option('--fail-past-due', h.rules.failPastDue)
    .addHelpText('after', h.rules.lintExamples)
    .action(async (dir: string | undefined, options) => {
      result.code = await (await rulesCommand()).runRulesLint(dir, options, io);
    });
  rules
    .command('test')
    .description(h.rules.test)
    .argument('[dir]', h.rules.dir)
    .addOption(rulesOption())
    .addHelpText('after', h.rules.testExamples)
    .action(async (dir: string | undefined, options) => {
      result.code = (await rulesCommand()).runRulesTest(dir, options, io);
    });

  program
    .command('interview')
    .description(h.interview.description)
    .option('-o, --out <file>', h.interview.out)
    .option('--resume <file>', h.interview.resume)
    .option('--report <file>', h.interview.report)
    .option('--no-report', h.interview.noReport)
    .addOption(langOption())
    .addOption(rulesOption())
    .option('--date <YYYY-MM-DD>', h.date)
    .addHelpText('after', h.interview.examples)
    .action(async (options) => {
      // Loaded only here: inquirer and the interview stay off the `check` start-up path.
      const interview = await import('./commands/interview/index.js');
      result.code = await interview.runInterview(options, io);
    });

  program
    .command('scan')
    .description(h.scan.description)
    .argument('<dir>', h.scan.dir)
    .option('-f, --format <format>', h.scan.format, 'text')
    .addOption(scanExcludeOption())
    .addOption(langOption())
    .addHelpText('after', h.scan.examples)
    .action(async (dir: string, options) => {
      const { runScan } = await import('./commands/scan.js');
      result.code = await runScan(dir, options, io);
    });

  program
    .command('schema')
    .description(h.schema.description)
    .addHelpText('after', h.schema.examples)
    .action(async () => {
      const { runSchema } = await import('./commands/schema.js');
      result.code = runSchema(io);
    });

  program
    .command('init')
    .description(h.init.description)
    .argument('[file]', h.init.file)
    .addOption(langOption())
    .addHelpText('after', h.init.examples)
    .action(async (file: string | undefined, options) => {
      const { runInit } = await import('./commands/init.js');
      result.code = runInit(file, options, io);
    });

  return program;
}

// The rules commands (lint, rule self-tests, the evidence catalogue) load only when used: `check` never needs them.
const rulesCommand = () => import('./commands/rules.js');
