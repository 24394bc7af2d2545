/**
 * Extracts the part of Microsoft Graph's v1.0 CSDL that the product's paths touch, copying elements verbatim.
 *   npx tsc -p . && node out/test/conformance/extract-graph-subset.js <cleanMetadata.xml> [out.xml]
 * <cleanMetadata.xml> is clean_v10_metadata/cleanMetadata.xml of github.com/microsoftgraph/msgraph-metadata.
 * What is kept (see SOURCE.md): the entity sets and singletons below, the navigation properties below (every
 * other navigation property is dropped), the bound actions and functions below, the extra cast types below, and the
 * closure of all of these over base types, property types, navigation targets and parameter/return types.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childrenOf, parseXml, type XmlElement } from './csdl-xml';

const G = 'microsoft.graph';
const TEAMS = `${G}.teamsAdministration`;

export const ENTITY_SETS = [
  'applications',
  'directoryObjects',
  'groups',
  'oauth2PermissionGrants',
  'organization',
  'servicePrincipals',
  'subscribedSkus',
  'users',
  'admin',
  'me',
  'tenantRelationships',
];

/** `type/navigationProperty`: the navigation segments the product's paths go through. */
export const NAVIGATIONS = [
  `${G}.user/licenseDetails`,
  `${G}.group/members`,
  `${G}.group/membersWithLicenseErrors`,
  `${G}.application/federatedIdentityCredentials`,
  `${G}.servicePrincipal/appRoleAssignments`,
  `${G}.servicePrincipal/appRoleAssignedTo`,
  `${G}.admin/teams`,
  `${TEAMS}.teamsAdminRoot/telephoneNumberManagement`,
  `${TEAMS}.teamsAdminRoot/userConfigurations`,
  `${TEAMS}.telephoneNumberManagementRoot/numberAssignments`,
  `${TEAMS}.telephoneNumberManagementRoot/operations`,
  `${TEAMS}.teamsUserConfiguration/user`,
  `${G}.tenantRelationship/delegatedAdminRelationships`,
  `${G}.delegatedAdminRelationship/accessAssignments`,
];

/** Types a path may cast to (`/groups/{id}/members/microsoft.graph.user`) although no property names them. */
export const CASTS = [`${G}.user`, `${G}.group`, `${G}.servicePrincipal`, `${G}.application`];

/** Bound actions the product calls or will call; every overload bound to a kept type is kept. */
export const ACTIONS = [
  'assignLicense',
  'reprocessLicenseAssignment',
  'assignNumber',
  'unassignNumber',
  'updateNumber',
];

/** Bound functions the product calls (`name(parameter='…')` in a GET path); every overload bound to a kept type. */
export const FUNCTIONS = ['findTenantInformationByDomainName'];

interface Schema {
  readonly element: XmlElement;
  readonly namespace: string;
  readonly alias?: string;
}

export function extract(text: string): string {
  const root = parseXml(text);
  const services = childrenOf(childrenOf(root, 'edmx:Edmx')[0], 'edmx:DataServices')[0];
  const schemas: Schema[] = childrenOf(services, 'Schema').map((element) => ({
    element,
    namespace: element.attrs.Namespace,
    alias: element.attrs.Alias,
  }));
  const full = (type: string): string => {
    const bare = type.replace(/^Collection\((.*)\)$/, '$1');
    const s = schemas.find((x) => x.alias && bare.startsWith(`${x.alias}.`));
    return s ? s.namespace + bare.slice(s.alias!.length) : bare;
  };
  const types = new Map<string, XmlElement>();
  for (const s of schemas) {
    for (const e of s.element.children) {
      if (/^(Entity|Complex|Enum)Type$|^TypeDefinition$/.test(e.name)) types.set(`${s.namespace}.${e.attrs.Name}`, e);
    }
  }
  const container = schemas.flatMap((s) => childrenOf(s.element, 'EntityContainer'))[0];
  const roots = container.children.filter((e) => ENTITY_SETS.includes(e.attrs.Name));

  const kept = new Set<string>();
  const want = (type: string): void => {
    const name = full(type);
    if (name.startsWith('Edm.') || kept.has(name)) return;
    const e = types.get(name);
    if (!e) throw new Error(`type ${name} is not in the metadata`);
    kept.add(name);
    if (e.attrs.BaseType) want(e.attrs.BaseType);
    for (const p of childrenOf(e, 'Property')) want(p.attrs.Type);
    for (const n of childrenOf(e, 'NavigationProperty')) {
      if (NAVIGATIONS.includes(`${name}/${n.attrs.Name}`)) want(n.attrs.Type);
    }
  };
  for (const r of roots) want(r.attrs.EntityType ?? r.attrs.Type);
  for (const c of CASTS) want(c);
  const actions = schemas
    .flatMap((s) => [...childrenOf(s.element, 'Action'), ...childrenOf(s.element, 'Function')])
    .filter(
      (a) =>
        (a.name === 'Action' ? ACTIONS : FUNCTIONS).includes(a.attrs.Name) &&
        kept.has(full(childrenOf(a, 'Parameter')[0].attrs.Type)),
    );
  for (const a of actions) {
    for (const t of [...childrenOf(a, 'Parameter'), ...childrenOf(a, 'ReturnType')]) want(t.attrs.Type);
  }

  const out: string[] = [
    text.slice(root.children[0].start, root.children[0].tagEnd),
    `  ${text.slice(services.start, services.tagEnd)}`,
  ];
  const indent = (e: XmlElement): string => text.slice(text.lastIndexOf('\n', e.start) + 1, e.start);
  const copy = (e: XmlElement, keep: (child: XmlElement) => boolean): string => {
    if (e.children.every(keep)) return indent(e) + text.slice(e.start, e.end);
    const inner = e.children.filter(keep).map((c) => indent(c) + text.slice(c.start, c.end));
    return [indent(e) + text.slice(e.start, e.tagEnd), ...inner, `${indent(e)}</${e.name}>`].join('\n');
  };
  for (const s of schemas) {
    const body = s.element.children.flatMap((e): string[] => {
      if (types.get(`${s.namespace}.${e.attrs.Name}`) === e && kept.has(`${s.namespace}.${e.attrs.Name}`)) {
        const name = `${s.namespace}.${e.attrs.Name}`;
        return [copy(e, (c) => c.name !== 'NavigationProperty' || NAVIGATIONS.includes(`${name}/${c.attrs.Name}`))];
      }
      if (actions.includes(e)) return [copy(e, () => true)];
      if (e === container) {
        const sets = roots.map((r) => copy(r, () => false).replace(/>\n\s*<\/\w+>$/, ' />'));
        return [[indent(e) + text.slice(e.start, e.tagEnd), ...sets, `${indent(e)}</${e.name}>`].join('\n')];
      }
      return [];
    });
    if (body.length === 0) continue;
    const e = s.element;
    out.push(indent(e) + text.slice(e.start, e.tagEnd), ...body, `${indent(e)}</Schema>`);
  }
  out.push(`  </${services.name}>`, `</${root.children[0].name}>`, '');
  return out.join('\n');
}

if (require.main === module) {
  const fallback = join(__dirname, '..', '..', '..', 'test', 'conformance', 'graph-v1.0', 'metadata-subset.xml');
  const [input, output = fallback] = process.argv.slice(2);
  if (!input) throw new Error('usage: node extract-graph-subset.js <cleanMetadata.xml> [out.xml]');
  const subset = extract(readFileSync(input, 'utf8').replace(/^\uFEFF/, ''));
  writeFileSync(output, subset);
  console.log(`${output}: ${subset.length} characters`);
}
