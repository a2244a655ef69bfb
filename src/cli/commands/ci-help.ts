/** Help texts of scan, schema and init: kept apart so the program can show them without loading the commands. */
export const scanExamples = `
Examples:
  $ chanrisk scan .
  $ chanrisk scan ../shop-backend --format json > evidence.json
  $ chanrisk scan . --scan-exclude 'tools/legacy/**'   # tests, fixtures, examples and docs are left out already
  $ chanrisk check channels.yaml --scan .     # merge the evidence into the assessment

Exit codes: 0 scanned (findings are reported, not judged: use check --scan for that), 2 the folder cannot be read.`;

export const schemaExamples = `
Examples:
  $ chanrisk schema > chanrisk-config.schema.json
  # the same file ships in the package: schema/chanrisk-config.schema.json`;

export const initExamples = `
Examples:
  $ chanrisk init
  $ chanrisk init configs/shop.yaml --lang de

Exit codes: 0 written, 2 the file exists already or cannot be written.`;
