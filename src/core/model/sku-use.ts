import { partNumberKey, stripLegacyPrefix, type Catalog, type Sku } from '../catalog/catalog';
import type { Token } from '../format/types';

/** A SKU as written on an `assign`, `remove` or `disable` line, resolved against the catalog. */
export interface SkuUse {
  /** 0-based line of the directive. */
  readonly line: number;
  readonly token: Token;
  /** As written, without an MSOnline `tenant:` prefix. */
  readonly written: string;
  /** Absent when the catalog has no such SKU; the first candidate when the part number is ambiguous. */
  readonly sku?: Sku;
  /** Identity for comparisons: the skuId when known, else the normalised text. */
  readonly key: string;
  /** MSOnline's `tenant:` prefix, when the token carries one. */
  readonly legacyPrefix?: string;
  /** Every SKU of Microsoft's table with this part number, when there are several (MCOPSTN5). */
  readonly ambiguous?: readonly Sku[];
}

type Resolved = Omit<SkuUse, 'line' | 'token'>;

/**
 * Distinct words the resolver remembers. A real file names a handful of SKUs; a hostile one can
 * name 100,000 different words, and growing a map for words met once cost more than looking each
 * one up again.
 */
const CACHED_WORDS = 1024;

/**
 * Resolves SKU words, caching per text: a 50,000-user file repeats the same few SKUs. Says what a
 * word names and nothing about whether that is a mistake; the rules judge.
 */
export class SkuResolver {
  private readonly cache = new Map<string, Resolved>();
  private readonly partNumbers: ReadonlySet<string>;

  constructor(readonly catalog: Catalog) {
    this.partNumbers = partNumbersOf(catalog);
  }

  resolve(line: number, token: Token): SkuUse {
    let hit = this.cache.get(token.text);
    if (!hit) {
      // A hostile line of 100,000 distinct unknown words keeps each one: then it costs its place alone.
      if (isPlainWord(token.text) && !this.partNumbers.has(token.text.toUpperCase()))
        return new UnknownWord(line, token);
      hit = this.lookUp(token.text);
      if (this.cache.size < CACHED_WORDS) this.cache.set(token.text, hit);
    }
    return new ResolvedWord(line, token, hit);
  }

  private lookUp(text: string): Resolved {
    const r = this.catalog.resolveSku(text);
    // Most words carry no prefix and no space to trim: then the word is what was written.
    const written = text.indexOf(':') < 0 && text.trim() === text ? text : stripLegacyPrefix(text);
    const legacyPrefix = r.legacyPrefix;
    if (r.kind === 'found') return { written, sku: r.sku, key: r.sku.skuId, legacyPrefix };
    if (r.kind === 'ambiguous')
      return { written, sku: r.skus[0], key: r.skus[0].skuId, ambiguous: r.skus, legacyPrefix };
    return { written, key: `text:${written.toUpperCase()}`, legacyPrefix };
  }
}

const COLON = 58;

const partNumberSets = new WeakMap<Catalog, ReadonlySet<string>>();

/** The catalog's part numbers as plain words are looked up (upper case), made once per catalog. */
function partNumbersOf(catalog: Catalog): ReadonlySet<string> {
  let set = partNumberSets.get(catalog);
  if (!set) partNumberSets.set(catalog, (set = new Set(catalog.skus.map((s) => partNumberKey(s.partNumber)))));
  return set;
}

/**
 * A word the catalog resolves by part number alone: no `tenant:` prefix, nothing to trim or strip
 * (printable ASCII only: whitespace inside a word is stripped before the look-up), and too short or
 * long for a skuId. Such a word is written as it is and, when unknown, keyed by its upper-case text.
 */
function isPlainWord(text: string): boolean {
  if (text.length === 36) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 127 || c === COLON) return false;
  }
  return true;
}

/**
 * An unknown plain word: its line and token, and nothing derived until asked. The rules only read
 * `written` for the first ones they report; the key (for comparisons) is made when one is needed.
 */
class UnknownWord implements SkuUse {
  constructor(
    readonly line: number,
    readonly token: Token,
  ) {}

  get written(): string {
    return this.token.text;
  }
  get sku(): undefined {
    return undefined;
  }
  get key(): string {
    return `text:${this.token.text.toUpperCase()}`;
  }
  get legacyPrefix(): undefined {
    return undefined;
  }
  get ambiguous(): undefined {
    return undefined;
  }
}

/**
 * One object per SKU word that points at what its text resolved to, rather than copying it: a
 * hostile file holds 40,000 SKU words (or 100,000 on one line) that the whole validation keeps,
 * and three fields are what each one costs.
 */
class ResolvedWord implements SkuUse {
  constructor(
    readonly line: number,
    readonly token: Token,
    private readonly resolved: Resolved,
  ) {}

  get written(): string {
    return this.resolved.written;
  }
  get sku(): Sku | undefined {
    return this.resolved.sku;
  }
  get key(): string {
    return this.resolved.key;
  }
  get legacyPrefix(): string | undefined {
    return this.resolved.legacyPrefix;
  }
  get ambiguous(): readonly Sku[] | undefined {
    return this.resolved.ambiguous;
  }
}
