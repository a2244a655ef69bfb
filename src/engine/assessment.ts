import type { SourceLocation } from '../util/errors.js';
import type { Acceptance } from './acceptance.js';

/** The validated input of one assessment: what a channel config (or the interview) says. */
export interface ChannelInput {
  id: string;
  name?: string;
  platform: string;
  answers: Record<string, unknown>;
  notes: Record<string, string>;
  /** Globs (relative to the scanned folder) where this channel's code lives; only evidence there counts for it. */
  codePaths?: string[];
}

export interface Assessment {
  file: string;
  organisation: {
    name: string;
    assessor?: string;
    answers: Record<string, unknown>;
    notes: Record<string, string>;
  };
  channels: ChannelInput[];
  /** Where each answer stands in the file, keyed "<target id>/<question id>", for located output formats. */
  locations: Record<string, SourceLocation>;
  /** The config's accepted_risks, each with where it stands in the file. */
  acceptances?: Acceptance[];
}
