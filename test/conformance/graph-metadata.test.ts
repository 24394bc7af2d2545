import * as assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { checkAnswer, checkRequest, METADATA_SOURCE } from './graph-metadata';

const ID = '5f6e7a3c-0b1d-4c2e-9f80-1a2b3c4d5e6f';
const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const MEMBER_SELECT = 'id,userPrincipalName,assignedLicenses';
const USER_SELECT = 'id,userPrincipalName,usageLocation,assignedLicenses,licenseAssignmentStates';
const GROUP_SELECT = 'id,displayName,securityEnabled,mailEnabled,groupTypes,assignedLicenses,licenseProcessingState';
const ASSIGN = { addLicenses: [{ skuId: E3, disabledPlans: [] }], removeLicenses: [] };

const TEAMS = 'microsoft.graph.teamsAdministration';
interface Listed {
  id: string;
  usageLocation?: string | null;
  assignedLicenses: { skuId: string }[];
}
type Page = { body: { value: Listed[] } };

const get = (url: string): string[] => checkRequest({ method: 'GET', url });
const post = (url: string, body?: unknown): string[] => checkRequest({ method: 'POST', url, body });

describe(`Graph v1.0 metadata (msgraph-metadata ${METADATA_SOURCE.commit.slice(0, 7)}): requests`, () => {
  it('$select of user properties on /groups/{id}/members, a directoryObject collection, does not conform', () => {
    const problems = get(`/groups/${ID}/members?$select=${MEMBER_SELECT}`);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /userPrincipalName is not a property of microsoft\.graph\.directoryObject/);
    assert.match(problems[0], /members\/microsoft\.graph\.user\) to select it/);
  });

  it('the same $select through the cast segment /members/microsoft.graph.user conforms', () => {
    assert.deepEqual(get(`/groups/${ID}/members/microsoft.graph.user?$select=${MEMBER_SELECT}&$top=999`), []);
    assert.deepEqual(get(`/groups/${ID}/membersWithLicenseErrors/microsoft.graph.user?$select=${MEMBER_SELECT}`), []);
  });

  it('assignLicense without removeLicenses does not conform; with both parameters it does', () => {
    assert.deepEqual(post(`/users/${ID}/assignLicense`, { addLicenses: ASSIGN.addLicenses }), [
      'microsoft.graph.assignLicense: the parameter removeLicenses is missing',
    ]);
    assert.deepEqual(post(`/users/${ID}/assignLicense`, ASSIGN), []);
    assert.deepEqual(post(`/groups/${ID}/assignLicense`, ASSIGN), []);
  });

  it("an action's body has only its parameters, typed as declared", () => {
    const problems = post('/users/alice@contoso.com/assignLicense', {
      addLicenses: [{ skuId: 'ENTERPRISEPACK', disabledPlans: [] }],
      removeLicenses: {},
      reason: 'x',
    });
    assert.deepEqual(problems, [
      'microsoft.graph.assignLicense.addLicenses[0].skuId is "ENTERPRISEPACK", not an Edm.Guid',
      'microsoft.graph.assignLicense.removeLicenses is {}, not an array (Collection(Edm.Guid))',
      'microsoft.graph.assignLicense has no parameter reason (it has addLicenses, removeLicenses)',
    ]);
    assert.deepEqual(post(`/users/${ID}/reprocessLicenseAssignment`), []);
    assert.equal(post(`/users/${ID}/reprocessLicenseAssignment`, { force: true }).length, 1);
  });

  it("the product's other reads and writes conform", () => {
    const cases: [string, string, unknown?][] = [
      ['GET', '/subscribedSkus'],
      ['GET', `/subscribedSkus/${ID}_${E3}`],
      ['GET', `/users?$select=${USER_SELECT}&$top=999`],
      ['GET', `/users?$select=${USER_SELECT},signInActivity&$top=120&$count=true&$filter=assignedLicenses/$count ne 0`],
      ['GET', `/users/adele.vance%40contoso.com?$select=${USER_SELECT}`],
      ['GET', `/users/${ID}/licenseDetails`],
      ['GET', `/groups?$select=${GROUP_SELECT}&$top=999`],
      ['GET', `/groups/${ID}?$select=id,licenseProcessingState`],
      ['GET', `/groups/${ID}/members?$count=true&$top=1&$select=id`],
      ['GET', "/applications?$filter=displayName eq 'Licenses'"],
      ['POST', '/applications', { displayName: 'Licenses' }],
      ['PATCH', `/applications/${ID}`, { requiredResourceAccess: [], displayName: undefined }],
      ['GET', `/applications/${ID}/federatedIdentityCredentials`],
      [
        'POST',
        `/applications/${ID}/federatedIdentityCredentials`,
        {
          name: 'gh',
          issuer: 'https://token.actions.githubusercontent.com',
          subject: 'repo:o/r:ref:refs/heads/main',
          audiences: ['api://AzureADTokenExchange'],
        },
      ],
      ['GET', "/servicePrincipals?$filter=appId eq '00000003-0000-0000-c000-000000000000'&$select=id,appId,appRoles"],
      ['POST', '/servicePrincipals', { appId: ID }],
      ['GET', `/servicePrincipals/${ID}/appRoleAssignments`],
      ['POST', `/servicePrincipals/${ID}/appRoleAssignments`, { principalId: ID, resourceId: ID, appRoleId: ID }],
      ['POST', '/oauth2PermissionGrants', { clientId: ID, consentType: 'AllPrincipals', resourceId: ID, scope: 'x' }],
      ['PATCH', `/oauth2PermissionGrants/${ID}`, { scope: 'x y' }],
      ['GET', '/organization'],
      ['GET', '/me'],
    ];
    for (const [method, url, body] of cases) {
      assert.deepEqual(checkRequest({ method, url, body }), [], `${method} ${url}`);
    }
  });

  it("the coming features' paths resolve: Teams phone numbers and user configurations, delegated admin", () => {
    const numbers = '/admin/teams/telephoneNumberManagement/numberAssignments';
    assert.deepEqual(get(`${numbers}?$filter=telephoneNumber eq '+14255550100'`), []);
    assert.deepEqual(
      post(`${numbers}/assignNumber`, {
        telephoneNumber: '+14255550100',
        assignmentTargetId: ID,
        numberType: 'callingPlan',
      }),
      [],
    );
    const phone = '+14255550100';
    assert.deepEqual(post(`${numbers}/unassignNumber`, { telephoneNumber: phone, numberType: 'directRouting' }), []);
    assert.deepEqual(post(`${numbers}/updateNumber`, { telephoneNumber: '+14255550100', locationId: ID }), []);
    assert.deepEqual(post(`${numbers}/assignNumber`, { telephoneNumber: '+14255550100', numberType: 'landline' }), [
      `${TEAMS}.assignNumber.numberType is "landline", not a ${TEAMS}.numberType`,
      `${TEAMS}.assignNumber: the parameter assignmentTargetId is missing`,
    ]);
    assert.deepEqual(get(`/admin/teams/telephoneNumberManagement/operations/${ID}`), []);
    assert.deepEqual(get('/admin/teams/userConfigurations?$select=id,userPrincipalName,telephoneNumbers'), []);
    assert.deepEqual(get(`/tenantRelationships/delegatedAdminRelationships/${ID}/accessAssignments`), []);
  });

  it('a bound function: called with GET, its parameters in the path, each one declared and given', () => {
    const find = '/tenantRelationships/findTenantInformationByDomainName';
    assert.deepEqual(get(`${find}(domainName='o''brien.example')`), []);
    assert.match(
      checkRequest({ method: 'POST', url: `${find}(domainName='x')` })[0],
      /^POST does not apply to .*the function .*findTenantInformationByDomainName: GET\)$/,
    );
    assert.deepEqual(get(`${find}(domain='x')`), [
      `microsoft.graph.findTenantInformationByDomainName has no parameter domain`,
    ]);
    assert.deepEqual(get(`${find}()`), [
      `microsoft.graph.findTenantInformationByDomainName: the parameter domainName is missing`,
    ]);
    assert.match(get(`/users/${ID}/findTenantInformationByDomainName(domainName='x')`)[0], /is not a function bound/);
  });

  it('paths, methods and query options outside the metadata do not conform', () => {
    assert.match(get(`/users/${ID}/assignLicense`)[0], /^GET does not apply to .*the action .*assignLicense: POST\)$/);
    assert.match(checkRequest({ method: 'DELETE', url: '/subscribedSkus' })[0], /^DELETE does not apply/);
    assert.match(get('/licenses')[0], /\/licenses is not an entity set or singleton/);
    assert.match(get(`/users/${ID}/manager`)[0], /microsoft\.graph\.user has no such property/);
    assert.match(
      get(`/groups/${ID}/members/microsoft.graph.subscribedSku`)[0],
      /does not derive from microsoft\.graph\.directoryObject/,
    );
    assert.deepEqual(get('https://graph.microsoft.com/v1.0/users?$top=all&$expnad=manager'), [
      '$top=all is not a count',
      '$expnad is not an OData system query option',
    ]);
    assert.deepEqual(get(`/users/${ID}?$select=id,shoeSize`), [
      `$select: shoeSize is not a property of microsoft.graph.user, the type of /users/${ID}`,
    ]);
    assert.deepEqual(get(`/subscribedSkus/${ID}?$top=1`), [
      `$top does not apply to /subscribedSkus/${ID} (a microsoft.graph.subscribedSku)`,
    ]);
  });

  it('$batch: the envelope as documented, and each item checked as a request of its own', () => {
    const batch = {
      requests: [
        { id: '1', method: 'GET', url: `/users/${ID}?$select=${USER_SELECT}` },
        {
          id: '2',
          method: 'POST',
          url: `/users/${ID}/assignLicense`,
          body: ASSIGN,
          headers: { 'content-type': 'application/json' },
        },
      ],
    };
    assert.deepEqual(post('/$batch', batch), []);
    const bad = {
      requests: [
        { id: '1', method: 'GET', url: `/groups/${ID}/members?$select=userPrincipalName` },
        { id: '1', method: 'POST', url: `https://graph.microsoft.com/v1.0/users/${ID}/assignLicense`, body: ASSIGN },
        { id: '3', method: 'GET', dependsOn: ['9'] },
      ],
    };
    const problems = post('/$batch', bad);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0], /^requests\[0\] \(GET \/groups\/.*\/members\?\$select=userPrincipalName\): \$select: /);
    assert.match(problems[1], /^requests\[1\]: the id 1 is used twice/);
    assert.match(problems[2], /^requests\[1\]: the url .* is absolute/);
    assert.match(problems[3], /^requests\[1\] has a body but no Content-Type header/);
    assert.match(problems[4], /^requests\[2\] has no url/);
  });
});

describe(`Graph v1.0 metadata (msgraph-metadata ${METADATA_SOURCE.commit.slice(0, 7)}): answers`, () => {
  const user = {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
    id: ID,
    userPrincipalName: 'alice@contoso.com',
    usageLocation: null,
    accountEnabled: true,
    assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
    licenseAssignmentStates: [
      {
        skuId: E3,
        disabledPlans: [],
        assignedByGroup: null,
        state: 'Active',
        error: 'None',
        lastUpdatedDateTime: '2026-11-30T08:15:00Z',
      },
    ],
    signInActivity: { lastSignInDateTime: '2026-12-01T10:00:00.123Z', lastSignInRequestId: null },
  };

  it('an answer whose every property is declared, with the declared types, conforms', () => {
    assert.deepEqual(checkAnswer({ method: 'GET', url: `/users/${ID}`, status: 200, body: user }), []);
    assert.deepEqual(checkAnswer({ method: 'POST', url: `/users/${ID}/assignLicense`, status: 200, body: user }), []);
    const page = { '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users?$skiptoken=x', value: [user, user] };
    assert.deepEqual(checkAnswer({ method: 'GET', url: '/users', status: 200, body: page }), []);
    const reprocess = `/users/${ID}/reprocessLicenseAssignment`;
    assert.deepEqual(checkAnswer({ method: 'POST', url: reprocess, status: 200, body: user }), []);
    const group = { id: ID, displayName: 'Sales', assignedLicenses: [], groupTypes: [], securityEnabled: true };
    assert.deepEqual(checkAnswer({ method: 'POST', url: `/groups/${ID}/assignLicense`, status: 202, body: group }), []);
    assert.deepEqual(checkAnswer({ method: 'PATCH', url: `/applications/${ID}`, status: 204 }), []);
    assert.equal(checkAnswer({ method: 'PATCH', url: `/applications/${ID}`, status: 204, body: group }).length, 1);
    const error = { error: { code: 'Request_ResourceNotFound', message: 'Resource does not exist.' } };
    assert.deepEqual(checkAnswer({ method: 'GET', url: `/users/${ID}`, status: 404, body: error }), []);
  });

  it('an answer with an unknown property name does not conform', () => {
    assert.deepEqual(
      checkAnswer({ method: 'GET', url: `/users/${ID}`, status: 200, body: { ...user, shoeSize: 44 } }),
      ['body: shoeSize is not a property of microsoft.graph.user'],
    );
    const sku = { id: 'x', skuId: E3, skuPartNumber: 'ENTERPRISEPACK', prepaidUnits: { enabled: 5, spare: 1 } };
    assert.deepEqual(checkAnswer({ method: 'GET', url: '/subscribedSkus', status: 200, body: { value: [sku] } }), [
      'value[0].prepaidUnits: spare is not a property of microsoft.graph.licenseUnitsDetail',
    ]);
  });

  it('primitive types, nullability, enums and collections are checked', () => {
    const state = { ...user.licenseAssignmentStates[0], lastUpdatedDateTime: 'yesterday', skuId: 'E3' };
    const wrong = {
      ...user,
      id: null,
      accountEnabled: 'yes',
      assignedLicenses: { skuId: E3 },
      licenseAssignmentStates: [state],
    };
    assert.deepEqual(checkAnswer({ method: 'GET', url: `/users/${ID}`, status: 200, body: wrong }), [
      'body.id is null, but it is not nullable',
      'body.accountEnabled is "yes", not an Edm.Boolean',
      `body.assignedLicenses is {"skuId":"${E3}"}, not an array (Collection(microsoft.graph.assignedLicense))`,
      'body.licenseAssignmentStates[0].skuId is "E3", not an Edm.Guid',
      'body.licenseAssignmentStates[0].lastUpdatedDateTime is "yesterday", not an Edm.DateTimeOffset',
    ]);
    const numbers = { value: [{ id: '1', telephoneNumber: '+1', numberType: 'landline' }] };
    assert.deepEqual(
      checkAnswer({
        method: 'GET',
        url: '/admin/teams/telephoneNumberManagement/numberAssignments',
        status: 200,
        body: numbers,
      }),
      [`value[0].numberType is "landline", not a ${TEAMS}.numberType`],
    );
  });

  it('members of a directoryObject collection are checked as the type their @odata.type names', () => {
    const member = { '@odata.type': '#microsoft.graph.user', id: ID, userPrincipalName: 'alice@contoso.com' };
    const url = `/groups/${ID}/members`;
    assert.deepEqual(checkAnswer({ method: 'GET', url, status: 200, body: { value: [member] } }), []);
    const untyped = { id: ID, userPrincipalName: 'alice@contoso.com' };
    assert.deepEqual(checkAnswer({ method: 'GET', url, status: 200, body: { value: [untyped] } }), [
      'value[0]: userPrincipalName is not a property of microsoft.graph.directoryObject',
    ]);
  });

  it('a $batch answer is checked response by response against the request of the same id', () => {
    const requestBody = {
      requests: [
        { id: 'a', method: 'GET', url: `/users/${ID}` },
        { id: 'b', method: 'GET', url: '/organization' },
      ],
    };
    const body = {
      responses: [
        { id: 'b', status: 200, headers: {}, body: { value: [{ id: ID, displayName: 'Contoso', tenantType: 'AAD' }] } },
        { id: 'a', status: 200, body: { ...user, shoeSize: 44 } },
      ],
    };
    assert.deepEqual(checkAnswer({ method: 'POST', url: '/$batch', status: 200, body, requestBody }), [
      `responses[1] (GET /users/${ID}): body: shoeSize is not a property of microsoft.graph.user`,
    ]);
  });
});

describe('the emulator, against Graph v1.0 metadata', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ latencyMs: 0, replicationLag: false });
  });
  after(() => emu.close());

  async function exchange(method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    assert.deepEqual(checkRequest({ method, url, body }), [], `${method} ${url}`);
    const headers: Record<string, string> = { Authorization: `Bearer ${emu.token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const json = body === undefined ? undefined : JSON.stringify(body);
    const res = await fetch(`${emu.baseUrl}${url}`, { method, headers, body: json });
    const text = await res.text();
    const answer = { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    assert.ok(answer.status < 300, `${method} ${url}: ${answer.status} ${text}`);
    assert.deepEqual(checkAnswer({ method, url, ...answer, requestBody: body }), [], `${method} ${url}`);
    return answer;
  }

  it("answers the product's conforming reads, licence writes and batches as the metadata declares", async () => {
    const users = (await exchange('GET', `/users?$select=${USER_SELECT}&$top=999`)) as Page;
    const groups = (await exchange('GET', `/groups?$select=${GROUP_SELECT}&$top=999`)) as Page;
    const [user, group] = [users.body.value[0].id, groups.body.value[0].id];
    await exchange('GET', '/subscribedSkus');
    await exchange('GET', `/users?$select=${USER_SELECT},signInActivity&$top=120`);
    await exchange('GET', `/users/${user}`);
    await exchange('GET', `/users/${user}/licenseDetails`);
    await exchange('GET', `/groups/${group}?$select=id,licenseProcessingState`);
    await exchange('POST', `/users/${user}/reprocessLicenseAssignment`);
    const licensed = users.body.value.find((u) => u.usageLocation && u.assignedLicenses.length > 0)!;
    await exchange('POST', `/users/${licensed.id}/assignLicense`, {
      addLicenses: [],
      removeLicenses: [licensed.assignedLicenses[0].skuId],
    });
    const withLicense = groups.body.value.find((g) => g.assignedLicenses.length > 0)!;
    await exchange('POST', `/groups/${withLicense.id}/assignLicense`, {
      addLicenses: [],
      removeLicenses: [withLicense.assignedLicenses[0].skuId],
    });
    await exchange('GET', '/applications');
    await exchange('GET', '/servicePrincipals');
    await exchange('POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `/users/${user}?$select=id,userPrincipalName,licenseAssignmentStates` },
        { id: '2', method: 'GET', url: `/groups/${group}?$select=id,displayName` },
      ],
    });
  });

  it("answers a partner's GDAP relationship listing as the metadata declares, every page", async () => {
    const first = (await exchange('GET', '/tenantRelationships/delegatedAdminRelationships?$top=2')) as {
      body: { value: unknown[]; '@odata.nextLink': string };
    };
    assert.equal(first.body.value.length, 2);
    const next = first.body['@odata.nextLink'].slice(emu.baseUrl.length);
    await exchange('GET', next);
    await exchange('GET', "/tenantRelationships/delegatedAdminRelationships?$filter=status eq 'active'");
  });

  it('answers a tenant found by its domain as the metadata declares, and a domain no tenant holds as an error', async () => {
    const find = '/tenantRelationships/findTenantInformationByDomainName';
    const found = (await exchange('GET', `${find}(domainName='fabrikam.onmicrosoft.com')`)) as {
      body: { tenantId: string };
    };
    assert.match(found.body.tenantId, /^[0-9a-f-]{36}$/);
    const url = `${find}(domainName='nowhere.example')`;
    const res = await fetch(`${emu.baseUrl}${url}`, { headers: { Authorization: `Bearer ${emu.token}` } });
    const body = (await res.json()) as unknown;
    assert.equal(res.status, 404);
    assert.deepEqual(checkAnswer({ method: 'GET', url, status: res.status, body }), []);
  });

  it("answers the setup's app registration, federated credential, service principal and consent calls", async () => {
    type Created = { body: { id: string; appId: string } };
    const app = (await exchange('POST', '/applications', { displayName: 'M365 Licenses' })) as Created;
    await exchange('GET', "/applications?$filter=displayName eq 'M365 Licenses'");
    await exchange('PATCH', `/applications/${app.body.id}`, { requiredResourceAccess: [] });
    await exchange('POST', `/applications/${app.body.id}/federatedIdentityCredentials`, {
      name: 'main',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:o/r:ref:refs/heads/main',
      audiences: ['api://AzureADTokenExchange'],
    });
    await exchange('GET', `/applications/${app.body.id}/federatedIdentityCredentials`);
    const filter = "$filter=appId eq '00000003-0000-0000-c000-000000000000'";
    const graph = (await exchange('GET', `/servicePrincipals?${filter}&$select=id,appId,appRoles`)) as {
      body: { value: { id: string; appRoles: { id: string }[] }[] };
    };
    const resource = graph.body.value[0];
    const sp = (await exchange('POST', '/servicePrincipals', { appId: app.body.appId })) as Created;
    await exchange('POST', `/servicePrincipals/${sp.body.id}/appRoleAssignments`, {
      principalId: sp.body.id,
      resourceId: resource.id,
      appRoleId: resource.appRoles[0].id,
    });
    await exchange('GET', `/servicePrincipals/${sp.body.id}/appRoleAssignments`);
    await exchange('POST', '/oauth2PermissionGrants', {
      clientId: sp.body.id,
      consentType: 'AllPrincipals',
      resourceId: resource.id,
      scope: 'User.Read',
    });
    await exchange('GET', `/oauth2PermissionGrants?$filter=clientId eq '${sp.body.id}'`);
  });

  // Graph documents the cast (group-list-members.md); the emulator answers it 400 today, so the product cannot use it
  // against the emulator yet. Unskip once src/emulator routes /members/microsoft.graph.user.
  it.skip('answers /groups/{id}/members/microsoft.graph.user?$select=... (the conforming members read)', async () => {
    const groups = (await exchange('GET', '/groups?$select=id')) as Page;
    await exchange('GET', `/groups/${groups.body.value[0].id}/members/microsoft.graph.user?$select=${MEMBER_SELECT}`);
  });
});
