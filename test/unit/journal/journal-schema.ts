import { readFileSync } from 'node:fs';
import path from 'node:path';
import type Ajv2020Type from 'ajv/dist/2020';
import type addFormatsType from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/**
 * docs/journal.schema.json, compiled once: what every line the product writes to a journal must be.
 * A line is judged against the one definition its shape claims (header, user, group, member in
 * error), so a failure names the field that is wrong rather than every branch of the schema.
 */
const schemaPath = path.join(__dirname, '..', '..', '..', '..', 'docs', 'journal.schema.json');
let compiled: ((name: string) => ValidateFunction) | undefined;
/** Loaded and compiled at the first line judged: mocha's main process loads the hook, runs no test, never pays. */
function definition(name: string): ValidateFunction {
  if (!compiled) {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, like the compilation */
    const Ajv2020 = (require('ajv/dist/2020') as { default: typeof Ajv2020Type }).default;
    const addFormats = (require('ajv-formats') as { default: typeof addFormatsType }).default;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $id: string };
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    ajv.addSchema(schema);
    compiled = (n) => ajv.getSchema(`${schema.$id}${n}`) as ValidateFunction;
  }
  return compiled(name);
}

function definitionOf(line: unknown): string {
  const v = (typeof line === 'object' && line !== null ? line : {}) as Record<string, unknown>;
  if ('journal' in v) return 'header';
  if (v.kind === 'group') return 'groupLine';
  if (v.kind === 'member-error') return 'memberErrorLine';
  return 'userLine';
}

/** The problems of one line (empty when it conforms), in words a failing test can show. */
export function journalLineProblems(line: unknown): string[] {
  const whole = definition('');
  if (whole(line)) return [];
  const validate = definition(`#/$defs/${definitionOf(line)}`);
  validate(line);
  const errors = validate.errors ?? whole.errors ?? [];
  return errors.map((e) => `${e.instancePath || '(line)'} ${e.message ?? 'is not valid'}`);
}
