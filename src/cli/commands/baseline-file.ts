import * as z from 'zod/mini';
import { BASELINE_FORMAT_VERSION, LEGACY_BASELINE_FORMAT_VERSION, type Baseline, type LegacyBaseline } from '../../engine/baseline.js';
import type { Lang } from '../../policy/model.js';
import { RISK_LEVELS } from '../../policy/schema.js';
import { InputError } from '../../util/errors.js';
import { readTextFile } from '../../util/yaml-file.js';

const entry = {
  fingerprint: z.string(),
  rule: z.string(),
  target: z.string(),
  answers: z.array(z.string()),
  level: z.enum(RISK_LEVELS),
};

const BaselineFile = z.discriminatedUnion('formatVersion', [
  z.object({ formatVersion: z.literal(BASELINE_FORMAT_VERSION), date: z.string(), findings: z.array(z.object({ ...entry, config: z.string() })) }),
  z.object({ formatVersion: z.literal(LEGACY_BASELINE_FORMAT_VERSION), date: z.string(), findings: z.array(z.object(entry)) }),
]);

const HINT = 'write one with chanrisk check … --write-baseline <file>';

const LEGACY_WARNING: Record<Lang, (file: string) => string> = {
  en: (file) =>
    `${file}: a version-1 baseline, whose findings do not record their config file: a finding it holds also passes in any other config with the same channel id and answers. Rewrite it with chanrisk check … --write-baseline ${file}`,
  de: (file) =>
    `${file}: eine Baseline im Format 1, deren Befunde ihre Konfigurationsdatei nicht festhalten: Ein darin erfasster Befund gilt auch in jeder anderen Konfiguration mit derselben Kanal-ID und denselben Antworten als bekannt. Schreiben Sie sie mit chanrisk check … --write-baseline ${file} neu.`,
};

export interface ReadBaseline {
  baseline: Baseline | LegacyBaseline;
  /** Set for an old format that is still read but matches less precisely. */
  warning?: string;
}

/** Reads a file written by --write-baseline; anything else is an input error (exit 2). */
export function readBaseline(file: string, lang: Lang): ReadBaseline {
  const text = readTextFile(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not JSON (${(error as Error).message})`, undefined, HINT);
  }
  const parsed = BaselineFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${file}: not a chanrisk baseline (${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'invalid'})`, undefined, HINT);
  }
  const baseline = parsed.data as Baseline | LegacyBaseline;
  return baseline.formatVersion === LEGACY_BASELINE_FORMAT_VERSION ? { baseline, warning: LEGACY_WARNING[lang](file) } : { baseline };
}
