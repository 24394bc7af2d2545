/**
 * Checks a Graph request or answer against Microsoft's own description of Graph v1.0: the CSDL subset vendored in
 * graph-v1.0/metadata-subset.xml (see graph-v1.0/SOURCE.md) and, for `$batch`, graph-v1.0/json-batching.json.
 * Every check returns a list of problems: empty means the exchange conforms (as far as this subset can tell).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childrenOf, parseXml, type XmlElement } from './csdl-xml';

export const METADATA_SOURCE = {
  repository: 'https://github.com/microsoftgraph/msgraph-metadata',
  file: 'clean_v10_metadata/cleanMetadata.xml',
  commit: 'f54f11b60956ea7b185ca0447b2b80805836ec7b',
} as const;

export interface RequestToCheck {
  readonly method: string;
  /** Relative (`/users?$top=1`, `users/x`) or absolute (`https://graph.microsoft.com/v1.0/users`). */
  readonly url: string;
  readonly body?: unknown;
}

export interface AnswerToCheck {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly body?: unknown;
  /** For `$batch`: the batch request's body, so that each response is checked against the request it answers. */
  readonly requestBody?: unknown;
}

interface TypeRef {
  readonly type: string;
  readonly collection: boolean;
  readonly nullable: boolean;
}
interface Structured {
  readonly kind: 'entity' | 'complex';
  readonly base?: string;
  readonly properties: Map<string, TypeRef>;
  readonly navigations: Map<string, TypeRef>;
}
interface Enum {
  readonly kind: 'enum';
  readonly members: Set<string>;
  readonly flags: boolean;
}
interface Action {
  readonly name: string;
  /** A bound function (called with GET, its parameters in the path: `name(p='…')`), not an action. */
  readonly function?: boolean;
  readonly binding: TypeRef;
  readonly parameters: Map<string, TypeRef>;
  readonly returns?: TypeRef;
}
interface Model {
  readonly types: Map<string, Structured | Enum>;
  readonly definitions: Map<string, string>;
  readonly actions: Action[];
  readonly roots: Map<string, TypeRef>;
}

/** Where a path leads. */
type Target =
  | { readonly kind: 'collection' | 'entity'; readonly type: string; readonly singleton?: boolean }
  | { readonly kind: 'action'; readonly action: Action }
  | { readonly kind: 'property'; readonly ref: TypeRef }
  | { readonly kind: 'count' }
  | { readonly kind: 'batch' };

interface BatchField {
  readonly type: string;
  readonly required?: boolean;
}
interface BatchDescription {
  readonly maxRequests: number;
  readonly types: {
    readonly batchRequestItem: Record<string, BatchField>;
    readonly batchResponseItem: Record<string, BatchField>;
  };
}

const DIR = [
  join(__dirname, 'graph-v1.0'),
  join(__dirname, '..', '..', '..', 'test', 'conformance', 'graph-v1.0'),
].find((d) => existsSync(join(d, 'metadata-subset.xml')));

let model: Model | undefined;
let batch: BatchDescription | undefined;

function load(): { model: Model; batch: BatchDescription } {
  if (!DIR) throw new Error('graph-v1.0/metadata-subset.xml is neither next to graph-metadata.js nor in test/');
  model ??= readModel(readFileSync(join(DIR, 'metadata-subset.xml'), 'utf8'));
  batch ??= JSON.parse(readFileSync(join(DIR, 'json-batching.json'), 'utf8')) as BatchDescription;
  return { model, batch };
}

function readModel(xml: string): Model {
  const root = parseXml(xml.replace(/^\uFEFF/, ''));
  const schemas = childrenOf(childrenOf(childrenOf(root, 'edmx:Edmx')[0], 'edmx:DataServices')[0], 'Schema');
  const aliases = schemas.filter((s) => s.attrs.Alias).map((s) => [`${s.attrs.Alias}.`, `${s.attrs.Namespace}.`]);
  const full = (name: string): string => {
    const a = aliases.find(([alias]) => name.startsWith(alias));
    return a ? a[1] + name.slice(a[0].length) : name;
  };
  const ref = (e: XmlElement): TypeRef => {
    const m = /^Collection\((.*)\)$/.exec(e.attrs.Type);
    return { type: full(m ? m[1] : e.attrs.Type), collection: !!m, nullable: e.attrs.Nullable !== 'false' };
  };
  const byName = (elements: XmlElement[]): Map<string, TypeRef> => new Map(elements.map((e) => [e.attrs.Name, ref(e)]));
  const m: Model = { types: new Map(), definitions: new Map(), actions: [], roots: new Map() };
  for (const s of schemas) {
    for (const e of s.children) {
      const name = `${s.attrs.Namespace}.${e.attrs.Name}`;
      if (e.name === 'EntityType' || e.name === 'ComplexType') {
        m.types.set(name, {
          kind: e.name === 'EntityType' ? 'entity' : 'complex',
          base: e.attrs.BaseType && full(e.attrs.BaseType),
          properties: byName(childrenOf(e, 'Property')),
          navigations: byName(childrenOf(e, 'NavigationProperty')),
        });
      } else if (e.name === 'EnumType') {
        const members = new Set(childrenOf(e, 'Member').map((x) => x.attrs.Name));
        m.types.set(name, { kind: 'enum', members, flags: e.attrs.IsFlags === 'true' });
      } else if (e.name === 'TypeDefinition') {
        m.definitions.set(name, e.attrs.UnderlyingType);
      } else if ((e.name === 'Action' || e.name === 'Function') && e.attrs.IsBound === 'true') {
        const [binding, ...parameters] = childrenOf(e, 'Parameter');
        const returns = childrenOf(e, 'ReturnType')[0];
        const action: Action = {
          name,
          binding: ref(binding),
          parameters: byName(parameters),
          ...(e.name === 'Function' ? { function: true } : {}),
        };
        m.actions.push(returns ? { ...action, returns: ref(returns) } : action);
      } else if (e.name === 'EntityContainer') {
        for (const r of childrenOf(e, 'EntitySet')) {
          m.roots.set(r.attrs.Name, { type: full(r.attrs.EntityType), collection: true, nullable: false });
        }
        for (const r of childrenOf(e, 'Singleton')) {
          m.roots.set(r.attrs.Name, { type: full(r.attrs.Type), collection: false, nullable: false });
        }
      }
    }
  }
  return m;
}

// ---- the model's questions ----

function structured(m: Model, type: string): Structured | undefined {
  const t = m.types.get(type);
  return t && t.kind !== 'enum' ? t : undefined;
}

/** `type` and its base types, most derived first. */
function lineage(m: Model, type: string): string[] {
  const out: string[] = [];
  for (let t: string | undefined = type; t; t = structured(m, t)?.base) out.push(t);
  return out;
}

const derives = (m: Model, type: string, base: string): boolean => lineage(m, type).includes(base);

function member(m: Model, type: string, name: string): { ref: TypeRef; navigation: boolean } | undefined {
  for (const t of lineage(m, type)) {
    const s = structured(m, t);
    const p = s?.properties.get(name);
    if (p) return { ref: p, navigation: false };
    const n = s?.navigations.get(name);
    if (n) return { ref: n, navigation: true };
  }
  return undefined;
}

/** The types of the subset that derive from `type` and have `name`: what a cast would make `name` selectable on. */
const castsWith = (m: Model, type: string, name: string): string[] =>
  [...m.types.keys()].filter((t) => t !== type && structured(m, t) && derives(m, t, type) && member(m, t, name));

function findAction(m: Model, segment: string, at: Target, isFunction = false): Action | undefined {
  if (at.kind !== 'collection' && at.kind !== 'entity') return undefined;
  return m.actions.find(
    (a) =>
      (a.name === segment || a.name.endsWith(`.${segment}`)) &&
      !!a.function === isFunction &&
      a.binding.collection === (at.kind === 'collection') &&
      derives(m, at.type, a.binding.type),
  );
}

/**
 * A function call segment, `name(p='…',q=1)` (OData URL conventions, "Functions"): the function bound to `at`, its
 * arguments each a parameter of it, every parameter given; a string literal quoted, an inner apostrophe doubled.
 */
function resolveFunction(m: Model, segment: string, at: Target, where: string): Target | string | undefined {
  const call = /^([A-Za-z_][\w.]*)\((.*)\)$/s.exec(segment);
  if (!call) return undefined;
  const fn = findAction(m, call[1], at, true);
  if (!fn) return `${call[1]} (after ${where}) is not a function bound to it in the vendored subset`;
  const given = new Set<string>();
  let rest = call[2];
  while (rest !== '') {
    const arg = /^(\w+)=('(?:[^']|'')*'|[^,']*)(,|$)/.exec(rest);
    if (!arg) return `${segment}: the arguments are not name=value pairs (a string quoted, an apostrophe doubled)`;
    if (!fn.parameters.has(arg[1])) return `${fn.name} has no parameter ${arg[1]}`;
    given.add(arg[1]);
    rest = rest.slice(arg[0].length);
  }
  const missing = [...fn.parameters.keys()].filter((p) => !given.has(p));
  if (missing.length > 0) return `${fn.name}: the parameter ${missing.join(', ')} is missing`;
  return { kind: 'action', action: fn };
}

// ---- URLs and paths ----

interface Parsed {
  readonly segments: string[];
  readonly query: [string, string][];
  readonly problems: string[];
}

function parseUrl(url: string): Parsed {
  const problems: string[] = [];
  const relative = url.replace(/^https:\/\/graph\.microsoft\.com/i, '').replace(/^\/?v1\.0(?=\/|$)/, '');
  const [path, search = ''] = relative.split(/\?(.*)/s);
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      problems.push(`"${s}" is not validly percent-encoded`);
      return s;
    }
  };
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map(decode);
  const query = search
    .split('&')
    .filter((p) => p !== '')
    .map((p): [string, string] => {
      const i = p.indexOf('=');
      return i < 0 ? [decode(p), ''] : [decode(p.slice(0, i)), decode(p.slice(i + 1))];
    });
  return { segments, query, problems };
}

const QUALIFIED = /^microsoft\.graph(\.[A-Za-z_]\w*)+$/;

function resolve(m: Model, segments: string[]): Target | string {
  if (segments.length === 0) return 'the path is empty';
  if (segments[0] === '$batch') return segments.length === 1 ? { kind: 'batch' } : 'nothing may follow /$batch';
  const root = m.roots.get(segments[0]);
  if (!root) return `/${segments[0]} is not an entity set or singleton of Graph v1.0 (in the vendored subset)`;
  let at: Target = { kind: root.collection ? 'collection' : 'entity', type: root.type, singleton: !root.collection };
  for (let i = 1; i < segments.length; i++) {
    const s = segments[i];
    const where = `/${segments.slice(0, i).join('/')}`;
    if (at.kind !== 'collection' && at.kind !== 'entity') return `nothing may follow ${where}`;
    const action = findAction(m, s, at);
    const called: Target | string | undefined = action ? undefined : resolveFunction(m, s, at, where);
    if (typeof called === 'string') return called;
    if (action) {
      at = { kind: 'action', action };
    } else if (called) {
      at = called;
    } else if (QUALIFIED.test(s)) {
      if (!structured(m, s)) return `${s} (after ${where}) is not a type or action in the vendored subset`;
      if (!derives(m, s, at.type)) return `${s} does not derive from ${at.type}, the type of ${where}`;
      at = { ...at, type: s };
    } else if (at.kind === 'collection') {
      at = s === '$count' ? { kind: 'count' } : { kind: 'entity', type: at.type };
    } else {
      const found = member(m, at.type, s);
      if (!found) return `${s} (after ${where}): ${at.type} has no such property, navigation or action in the subset`;
      if (found.navigation) at = { kind: found.ref.collection ? 'collection' : 'entity', type: found.ref.type };
      else at = { kind: 'property', ref: found.ref };
    }
  }
  return at;
}

function allowedMethods(at: Target): string[] {
  switch (at.kind) {
    case 'collection':
      return ['GET', 'POST'];
    case 'entity':
      return at.singleton ? ['GET', 'PATCH'] : ['GET', 'PATCH', 'DELETE'];
    case 'action':
      return at.action.function ? ['GET'] : ['POST'];
    case 'batch':
      return ['POST'];
    case 'property':
    case 'count':
      return ['GET'];
  }
}

const describeTarget = (at: Target): string => {
  switch (at.kind) {
    case 'collection':
      return `a collection of ${at.type}`;
    case 'entity':
      return `a ${at.type}`;
    case 'action':
      return `the ${at.action.function ? 'function' : 'action'} ${at.action.name}`;
    case 'property':
      return 'a property';
    case 'count':
      return '$count';
    case 'batch':
      return '$batch';
  }
};

// ---- query options ----

const QUERY_OPTIONS: Record<string, Target['kind'][]> = {
  $select: ['collection', 'entity'],
  $expand: ['collection', 'entity'],
  $filter: ['collection', 'count'],
  $search: ['collection', 'count'],
  $top: ['collection'],
  $skip: ['collection'],
  $count: ['collection'],
  $orderby: ['collection'],
  $skiptoken: ['collection'],
  $deltatoken: ['collection'],
  $format: ['collection', 'entity'],
};

function checkQuery(m: Model, query: [string, string][], at: Target, path: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [name, value] of query) {
    if (!name.startsWith('$')) continue; // a custom query option: OData lets services define them
    if (seen.has(name)) problems.push(`${name} is given twice`);
    seen.add(name);
    const on = QUERY_OPTIONS[name];
    if (!on) {
      problems.push(`${name} is not an OData system query option`);
      continue;
    }
    if (!on.includes(at.kind)) {
      problems.push(`${name} does not apply to ${path} (${describeTarget(at)})`);
      continue;
    }
    if ((name === '$top' || name === '$skip') && !/^\d+$/.test(value)) problems.push(`${name}=${value} is not a count`);
    if (name === '$count' && !/^(true|false)$/.test(value)) problems.push(`$count=${value} is neither true nor false`);
    if ((name === '$select' || name === '$expand') && (at.kind === 'collection' || at.kind === 'entity')) {
      problems.push(...checkSelect(m, name, value, at.type, path));
    }
  }
  return problems;
}

function checkSelect(m: Model, option: string, value: string, type: string, path: string): string[] {
  const problems: string[] = [];
  for (const item of value.split(',').map((s) => s.trim().replace(/\(.*\)$/s, ''))) {
    if (item === '' || (item === '*' && option === '$select')) {
      if (item === '') problems.push(`${option} has an empty name`);
      continue;
    }
    const slash = item.lastIndexOf('/');
    const on = slash < 0 ? type : item.slice(0, slash);
    const name = item.slice(slash + 1);
    if (slash >= 0 && !(structured(m, on) && derives(m, on, type))) {
      problems.push(`${option}: ${on} is not a type deriving from ${type}`);
      continue;
    }
    const found = member(m, on, name);
    if (found && (option === '$select' || found.navigation)) continue;
    const kind = option === '$select' ? 'a property' : 'a navigation property';
    const casts = castsWith(m, on, name);
    const hint = casts.length > 0 ? `; cast the path (${path}/${casts.join(' or …/')}) to select it` : '';
    problems.push(`${option}: ${name} is not ${kind} of ${on}, the type of ${path}${hint}`);
  }
  return problems;
}

// ---- values ----

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const isString = (v: unknown): v is string => typeof v === 'string';
const isInteger = (v: unknown): boolean => Number.isInteger(v);
const PRIMITIVES: Record<string, (v: unknown) => boolean> = {
  'Edm.String': isString,
  'Edm.Guid': (v) => isString(v) && GUID.test(v),
  'Edm.Boolean': (v) => typeof v === 'boolean',
  'Edm.Byte': isInteger,
  'Edm.SByte': isInteger,
  'Edm.Int16': isInteger,
  'Edm.Int32': isInteger,
  'Edm.Int64': (v) => isInteger(v) || (isString(v) && /^-?\d+$/.test(v)),
  'Edm.Double': (v) => typeof v === 'number' || v === 'NaN' || v === 'INF' || v === '-INF',
  'Edm.Single': (v) => typeof v === 'number',
  'Edm.Decimal': (v) => typeof v === 'number',
  'Edm.DateTimeOffset': (v) => isString(v) && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
  'Edm.Date': (v) => isString(v) && /^\d{4}-\d{2}-\d{2}$/.test(v),
  'Edm.TimeOfDay': (v) => isString(v) && /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v),
  'Edm.Duration': (v) => isString(v) && /^-?P/.test(v),
  'Edm.Binary': (v) => isString(v) && /^[A-Za-z0-9+/_-]*=*$/.test(v),
  'Edm.Stream': () => true,
  'Edm.Untyped': () => true,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === '';
const show = (v: unknown): string => (JSON.stringify(v) ?? String(v)).slice(0, 60);

function checkValue(m: Model, value: unknown, ref: TypeRef, where: string): string[] {
  if (value === null) return ref.nullable ? [] : [`${where} is null, but it is not nullable`];
  if (ref.collection) {
    if (!Array.isArray(value)) return [`${where} is ${show(value)}, not an array (Collection(${ref.type}))`];
    return value.flatMap((v, i) => checkValue(m, v, { ...ref, collection: false }, `${where}[${i}]`));
  }
  const type = m.definitions.get(ref.type) ?? ref.type;
  const primitive = PRIMITIVES[type];
  if (primitive) return primitive(value) ? [] : [`${where} is ${show(value)}, not an ${type}`];
  const t = m.types.get(type);
  if (!t) return [`${where}: type ${type} is not in the vendored subset`];
  if (t.kind === 'enum') {
    const names = isString(value) ? (t.flags ? value.split(',').map((s) => s.trim()) : [value]) : [];
    const known = names.length > 0 && names.every((n) => t.members.has(n));
    return known ? [] : [`${where} is ${show(value)}, not a ${type}`];
  }
  return checkObject(m, value, type, where);
}

/** An object against a structured type: every name a property (or an `@odata.*` annotation), every value typed. */
function checkObject(m: Model, value: unknown, expected: string, where: string, writing = false): string[] {
  if (!isObject(value)) return [`${where} is ${show(value)}, not an object (${expected})`];
  let type = expected;
  const odataType = value['@odata.type'];
  if (odataType !== undefined) {
    const named = isString(odataType) ? odataType.replace(/^#/, '') : '';
    if (!structured(m, named)) return [`${where}: @odata.type ${show(odataType)} is not a type in the vendored subset`];
    if (!derives(m, named, expected)) return [`${where}: @odata.type ${named} does not derive from ${expected}`];
    type = named;
  }
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue; // JSON.stringify drops it
    const at = key.indexOf('@');
    if (at >= 0 && !key.startsWith('odata.', at + 1)) problems.push(`${where}: ${key} is not an @odata.* annotation`);
    if (at === 0) continue;
    const name = at > 0 ? key.slice(0, at) : key;
    if (/^extension_[0-9a-f]{32}_\w+$/i.test(name) && derives(m, type, 'microsoft.graph.directoryObject')) continue;
    const found = member(m, type, name);
    if (!found) {
      problems.push(`${where}: ${name} is not a property of ${type}`);
    } else if (at < 0 && found.navigation && writing) {
      problems.push(`${where}: ${name} is a navigation property; bind it with ${name}@odata.bind`);
    } else if (at < 0) {
      const ref = found.navigation ? { ...found.ref, nullable: true } : found.ref;
      problems.push(...checkValue(m, v, ref, `${where}.${key}`));
    }
  }
  return problems;
}

// ---- requests ----

/** Checks one request: its path, method, query options and body. */
export function checkRequest(request: RequestToCheck): string[] {
  const { model: m } = load();
  const parsed = parseUrl(request.url);
  const path = `/${parsed.segments.join('/')}`;
  const at = resolve(m, parsed.segments);
  if (typeof at === 'string') return [...parsed.problems, at];
  const method = request.method.toUpperCase();
  const problems = [...parsed.problems];
  if (!allowedMethods(at).includes(method)) {
    problems.push(`${method} does not apply to ${path} (${describeTarget(at)}: ${allowedMethods(at).join(', ')})`);
  }
  problems.push(...checkQuery(m, parsed.query, at, path));
  const body = request.body;
  if (at.kind === 'batch') return [...problems, ...checkBatchRequest(body)];
  if (at.kind === 'action' && at.action.function) return isEmpty(body) ? problems : [...problems, 'a GET has no body'];
  if (at.kind === 'action') return [...problems, ...checkParameters(m, at.action, body)];
  if (method === 'GET' || method === 'DELETE') {
    if (!isEmpty(body)) problems.push(`a ${method} has no body`);
  } else if (at.kind === 'collection' || at.kind === 'entity') {
    problems.push(...checkObject(m, body, at.type, 'body', true));
  }
  return problems;
}

function checkParameters(m: Model, action: Action, body: unknown): string[] {
  const name = action.name;
  if (action.parameters.size === 0) {
    const empty = isEmpty(body) || (isObject(body) && Object.keys(body).length === 0);
    return empty ? [] : [`${name} takes no parameters, but the body is ${show(body)}`];
  }
  if (!isObject(body)) return [`${name}: the body is ${show(body)}, not an object of parameters`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const ref = action.parameters.get(key);
    if (!ref) problems.push(`${name} has no parameter ${key} (it has ${[...action.parameters.keys()].join(', ')})`);
    else if (value !== undefined) problems.push(...checkValue(m, value, ref, `${name}.${key}`));
  }
  for (const [key, ref] of action.parameters) {
    if (!ref.nullable && body[key] === undefined) problems.push(`${name}: the parameter ${key} is missing`);
  }
  return problems;
}

const FIELD_TYPES: Record<string, (v: unknown) => boolean> = {
  'Edm.String': isString,
  'Edm.Int32': isInteger,
  object: isObject,
  any: () => true,
  'Collection(Edm.String)': (v) => Array.isArray(v) && v.every(isString),
};

function checkFields(item: unknown, fields: Record<string, BatchField>, where: string): string[] {
  if (!isObject(item)) return [`${where} is ${show(item)}, not an object`];
  const problems = Object.keys(item)
    .filter((k) => !(k in fields))
    .map((k) => `${where} has an unknown field ${k}`);
  for (const [k, f] of Object.entries(fields)) {
    const v = item[k];
    if (v === undefined) {
      if (f.required) problems.push(`${where} has no ${k}`);
    } else if (!FIELD_TYPES[f.type](v)) {
      problems.push(`${where}.${k} is ${show(v)}, not an ${f.type}`);
    }
  }
  return problems;
}

/** A request item whose fields checkFields() found well typed. */
interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, unknown>;
  readonly body?: unknown;
  readonly dependsOn?: string[];
}

function checkBatchRequest(body: unknown): string[] {
  const { batch: b } = load();
  if (!isObject(body) || !Array.isArray(body.requests)) return ['$batch: the body has no requests array'];
  const problems = Object.keys(body)
    .filter((k) => k !== 'requests')
    .map((k) => `$batch: unknown field ${k}`);
  const items: unknown[] = body.requests;
  if (items.length === 0 || items.length > b.maxRequests) {
    problems.push(`$batch: ${items.length} requests (1 to ${b.maxRequests})`);
  }
  const ids = items.map((r) => (isObject(r) && isString(r.id) ? r.id.toLowerCase() : undefined));
  items.forEach((item, i) => {
    const where = `requests[${i}]`;
    const shape = checkFields(item, b.types.batchRequestItem, where);
    if (shape.length > 0 || !isObject(item)) {
      problems.push(...shape);
      return;
    }
    const { id, method, url, headers, body: inner, dependsOn } = item as unknown as BatchItem;
    if (ids.indexOf(id.toLowerCase()) !== i) problems.push(`${where}: the id ${id} is used twice`);
    if (/^https?:/i.test(url)) problems.push(`${where}: the url ${url} is absolute; it must be relative (/users)`);
    if (/^\/?\$batch\b/.test(url)) problems.push(`${where}: a batch inside a batch`);
    const type = Object.keys(headers ?? {}).some((k) => k.toLowerCase() === 'content-type');
    if (inner !== undefined && !type) problems.push(`${where} has a body but no Content-Type header`);
    for (const d of dependsOn ?? []) {
      if (!ids.includes(d.toLowerCase())) problems.push(`${where} depends on ${d}, which is not in the batch`);
    }
    problems.push(...checkRequest({ method, url, body: inner }).map((p) => `${where} (${method} ${url}): ${p}`));
  });
  return problems;
}

// ---- answers ----

/** Checks one answer (status and body) against the request's method and URL. */
export function checkAnswer(answer: AnswerToCheck): string[] {
  const { model: m } = load();
  const parsed = parseUrl(answer.url);
  const at = resolve(m, parsed.segments);
  if (typeof at === 'string') return [...parsed.problems, at];
  const { status, body } = answer;
  const method = answer.method.toUpperCase();
  if (!Number.isInteger(status) || status < 100 || status > 599) return [`the status ${status} is not an HTTP status`];
  if (status >= 400) return checkError(body);
  if (status === 204) return isEmpty(body) ? [] : [`a 204 answer has no body; this one has ${show(body)}`];
  if (status === 202 && isEmpty(body)) return []; // accepted; group assignLicense's 202 carries the group
  if (at.kind === 'batch') return checkBatchAnswer(body, answer.requestBody);
  if (at.kind === 'count') return PRIMITIVES['Edm.Int64'](body) ? [] : [`$count answered ${show(body)}, not a count`];
  if (at.kind === 'action') {
    const r = at.action.returns;
    if (!r) return [`${at.action.name} returns nothing, but the answer is ${status} with ${show(body)}`];
    return r.collection ? checkPage(m, body, r.type) : checkValue(m, body, r, 'body');
  }
  if (at.kind === 'property') {
    const complex = m.types.get(at.ref.type)?.kind === 'complex' && !at.ref.collection;
    return complex ? checkValue(m, body, at.ref, 'body') : checkPage(m, body, at.ref.type, at.ref);
  }
  if (at.kind === 'collection' && method === 'GET') return checkPage(m, body, at.type);
  return checkObject(m, body, at.type, 'body');
}

/** `{ value: [...], @odata.* }`: a collection's answer (or a primitive property's, with `ref`). */
function checkPage(m: Model, body: unknown, type: string, ref?: TypeRef): string[] {
  if (!isObject(body)) return [`the body is ${show(body)}, not an object with a value`];
  const problems = Object.keys(body)
    .filter((k) => k !== 'value' && !k.startsWith('@odata.'))
    .map((k) => `the body has ${k}; a collection's answer has only value and @odata.* annotations`);
  if (!('value' in body)) return [...problems, 'the body has no value'];
  return [...problems, ...checkValue(m, body.value, ref ?? { type, collection: true, nullable: false }, 'value')];
}

function checkError(body: unknown): string[] {
  if (!isObject(body) || !isObject(body.error)) return [`an error's body is ${show(body)}, not { error: {...} }`];
  const e = body.error;
  return [
    ...(isString(e.code) ? [] : ['error.code is not a string']),
    ...(isString(e.message) ? [] : ['error.message is not a string']),
  ];
}

function checkBatchAnswer(body: unknown, requestBody: unknown): string[] {
  const { batch: b } = load();
  if (!isObject(body) || !Array.isArray(body.responses)) return ['$batch: the answer has no responses array'];
  const problems = Object.keys(body)
    .filter((k) => k !== 'responses' && k !== '@odata.nextLink')
    .map((k) => `$batch: the answer has an unknown field ${k}`);
  const requests =
    isObject(requestBody) && Array.isArray(requestBody.requests)
      ? (requestBody.requests as unknown[]).filter(isObject)
      : undefined;
  const answered = new Set<string>();
  (body.responses as unknown[]).forEach((item, i) => {
    const where = `responses[${i}]`;
    const shape = checkFields(item, b.types.batchResponseItem, where);
    if (shape.length > 0 || !isObject(item) || !requests) {
      problems.push(...shape);
      return;
    }
    const id = (item.id as string).toLowerCase();
    const request = requests.find((r) => isString(r.id) && r.id.toLowerCase() === id);
    if (!request) {
      problems.push(`${where}: the id ${item.id as string} is not a request of the batch`);
      return;
    }
    if (answered.has(id)) problems.push(`${where}: the request ${item.id as string} is answered twice`);
    answered.add(id);
    const { method, url } = request as { method: string; url: string };
    const inner = checkAnswer({ method, url, status: item.status as number, body: item.body });
    problems.push(...inner.map((p) => `${where} (${method} ${url}): ${p}`));
  });
  return problems;
}
