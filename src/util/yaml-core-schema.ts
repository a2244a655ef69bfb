import { FAILSAFE_SCHEMA, Type, type Schema } from 'js-yaml';

// The tests and conversions of the `yaml` package's YAML 1.2 core schema (yaml/dist/schema/core), in its order:
// js-yaml's own CORE_SCHEMA is wider (0b101, -0x1F, 1_000, .Nan are numbers there, strings here).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

function constructInt(text: string): number {
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  return parseInt(text, 10);
}

function constructFloat(text: string): number {
  if (!FLOAT_NAN.test(text)) return parseFloat(text);
  if (text.slice(-3).toLowerCase() === 'nan') return NaN;
  return text.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

// js-yaml keeps one implicit type per tag, so each tag's variants share one type.
const types = [
  new Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (text: string) => NULL.test(text), construct: () => null }),
  new Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (text: string) => BOOL.test(text), construct: (text: string) => text[0] === 't' || text[0] === 'T' }),
  new Type('tag:yaml.org,2002:int', { kind: 'scalar', resolve: (text: string) => INT_OCT.test(text) || INT.test(text) || INT_HEX.test(text), construct: constructInt }),
  new Type('tag:yaml.org,2002:float', { kind: 'scalar', resolve: (text: string) => FLOAT_NAN.test(text) || FLOAT_EXP.test(text) || FLOAT.test(text), construct: constructFloat }),
];

/** A js-yaml schema whose plain scalars resolve exactly as the `yaml` package's YAML 1.2 core schema does. */
export const yamlCoreSchema: Schema = FAILSAFE_SCHEMA.extend({ implicit: types });
