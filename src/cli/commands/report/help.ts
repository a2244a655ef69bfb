// Kept apart from the command so `chanrisk --help` and `check` never load the report modules.
export const reportExamples = `
Examples:
  $ chanrisk report examples/multichannel-clinic.yaml --lang de
  $ chanrisk report channels.yaml --format html -o client-report.html
  $ chanrisk report channels.yaml -o client-report.docx
  $ chanrisk report channels.yaml --date 2026-11-27 --force

Writes reports/<organisation>-<date>.md (or .html, .docx) unless -o names a file; an existing file is kept unless --force.
Exit codes: 0 report written, 2 usage, config, rule-pack or write error.`;
