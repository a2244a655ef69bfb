// Kept apart from the command so the program can show the help without loading inquirer.

/** Exit code when the consultant stops the interview (Ctrl-C, SIGTERM): the shell's code for an interrupt. */
export const EXIT_PAUSED = 130;

export const interviewExamples = `
Examples:
  $ chanrisk interview --out acme.yaml
  $ chanrisk interview --resume acme.session.yaml
  $ chanrisk interview --out acme.yaml --no-report --lang de

Answers are saved after every question in <out>.session.yaml; Ctrl-C pauses and prints how to resume.
At the end: the config, the Markdown report (--report, default reports/<organisation>-<date>.md) and the result with the top actions.
Exit codes: 0 config written, 2 usage or input error (also without a terminal), ${EXIT_PAUSED} paused.`;
