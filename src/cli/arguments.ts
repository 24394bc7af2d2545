import { parseArgs } from 'node:util';
import { english, type Translate } from '../core/text/translate';

/** One option of a command: a flag, or an option that takes a value (`--journal PATH`). */
export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  /** Placeholder shown in the usage, for options with a value. */
  readonly placeholder?: string;
  /** May be given several times; the values add up (`--assign A --assign B`). */
  readonly repeatable?: boolean;
  /** What it does, in English (marked with `deferred`), translated where `--help` prints it. */
  readonly description?: string;
}

/** A command's arguments, the single source of its usage line and its parsing. */
export interface CommandSpec {
  readonly name: string;
  readonly operands: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** One line for the command list of `m365-licenses --help` (English, marked with `deferred`). */
  readonly summary?: string;
  /** Command lines shown under "Examples" by `<command> --help`, as typed. */
  readonly examples?: readonly string[];
  /** What each exit code means for this command (English, marked with `deferred`), by code. */
  readonly exits?: Readonly<Record<0 | 1 | 2, string>>;
}

export type ParsedArguments =
  | {
      readonly kind: 'parsed';
      readonly positionals: readonly string[];
      readonly flags: ReadonlySet<string>;
      readonly values: ReadonlyMap<string, readonly string[]>;
    }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export function usageOf(spec: CommandSpec): string {
  const options = Object.entries(spec.options).map(([name, o]) =>
    o.type === 'string' ? `[--${name} ${o.placeholder ?? 'VALUE'}]` : `[--${name}]`,
  );
  return ['m365-licenses', spec.name, spec.operands, ...options].filter(Boolean).join(' ');
}

/**
 * Node's `util.parseArgs` splits the command line (`--opt=value`, `--opt value`, `--`); its tokens
 * are then checked here so that each mistake gets a short message naming the option
 * (`--journal needs a value`, `unknown option --foo`, `--json does not take a value`).
 */
export function parseArguments(spec: CommandSpec, argv: readonly string[], t: Translate = english): ParsedArguments {
  const options = Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, { type: o.type }]));
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...options, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const positionals: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    if (token.name === 'help') return { kind: 'help' };
    const option = Object.hasOwn(spec.options, token.name) ? spec.options[token.name] : undefined;
    if (!option) return { kind: 'error', message: t('unknown option {0}', token.rawName) };
    if (option.type === 'boolean') {
      if (token.inlineValue) return { kind: 'error', message: t('{0} does not take a value', token.rawName) };
      flags.add(token.name);
      continue;
    }
    // parseArgs takes the next argument as the value even when it is another option (`--journal --yes`).
    const value = token.value;
    if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('-')))
      return { kind: 'error', message: t('{0} needs a value', token.rawName) };
    const given = values.get(token.name) ?? [];
    if (given.length > 0 && !option.repeatable)
      return { kind: 'error', message: t('{0} is given twice', token.rawName) };
    values.set(token.name, [...given, value]);
  }
  return { kind: 'parsed', positionals, flags, values };
}
