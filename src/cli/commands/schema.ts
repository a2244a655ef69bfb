import { configJsonSchema } from '../../config/json-schema.js';
import { loadPolicyStrict } from '../../policy/load.js';
import { EXIT, type Io } from '../io.js';

/** Prints the JSON Schema of the channel config, for editors and other tools. */
export function runSchema(io: Io): number {
  io.out(`${JSON.stringify(configJsonSchema(loadPolicyStrict().questionnaire), null, 2)}\n`);
  return EXIT.ok;
}
