// Kept apart from the command so `chanrisk --help` and `check` never load the compare modules.
export const compareExamples = `
Examples:
  $ chanrisk compare examples/whatsapp-unofficial-marketing.yaml
  $ chanrisk compare examples/multichannel-clinic.yaml --channel whatsapp-appointments --lang de
  $ chanrisk compare channels.yaml --format json --date 2026-11-27 > alternatives.json
  $ chanrisk compare channels.yaml --format markdown --rules ./our-packs

Routes come from rules/routes.yaml; every fact a route implies is printed as an assumption.
Exit codes: 0 comparison printed (it is advice, not a gate), 2 usage, config, rule-pack or routes error.`;
