import * as assert from 'node:assert/strict';
import { CLOUDS, cloudOf, delegatedScopes, graphBaseUrl } from '../../../src/core/auth/clouds';
import { csvCell, resultsCsv } from '../../../src/core/report/csv';
import { nextSteps } from '../../../src/core/report/next-steps';
import { changeSummary, renderPreview } from '../../../src/core/report/preview';
import { planRun } from '../../../src/core/plan/whole-plan';
import { found, graphUser, tenantSkus } from '../fixtures/graph-shapes';
import { TenantSkus } from '../../../src/core/tenant/tenant-skus';
import { subscribedWith } from '../fixtures/tenants';
import { wants } from '../fixtures/test-tenant';
import type { UserResult } from '../../../src/core/run';
import { catalog } from '../helpers';

const changed = (added: string[]): UserResult => ({ user: 'a@contoso.com', outcome: 'changed', added, removed: [] });

describe('next steps after a run', () => {
  it('names the Calling Plan delay and phone numbers when a Calling Plan was given, even inside a bundle', () => {
    assert.match(nextSteps([changed(['MCOEV', 'MCOPSTN1'])], catalog).join('\n'), /24 hours[\s\S]*phone numbers/);
    assert.match(nextSteps([changed(['MCOTEAMS_ESSENTIALS'])], catalog).join('\n'), /24 hours/);
  });
  it('mentions Audio Conferencing replacing a third-party provider only when it was given', () => {
    assert.match(nextSteps([changed(['MCOMEETADV'])], catalog).join('\n'), /third-party/);
    assert.deepEqual(nextSteps([changed(['ENTERPRISEPACK'])], catalog), []);
  });
  it('says nothing for licenses that failed', () => {
    assert.deepEqual(
      nextSteps([{ user: 'a@contoso.com', outcome: 'failed', added: ['MCOPSTN1'], removed: [] }], catalog),
      [],
    );
  });
});

describe('CSV export', () => {
  it('quotes commas and quotes, and neutralises cells a spreadsheet would run as formulas', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvCell('-1'), "'-1");
  });
  it('writes one row per user with the error code, message and hint', () => {
    const csv = resultsCsv([
      {
        user: 'a@contoso.com',
        outcome: 'changed',
        added: ['MCOEV', 'MCOPSTN1'],
        removed: [],
        at: '2026-11-25T00:00:00Z',
      },
      {
        user: 'b@contoso.com',
        outcome: 'failed',
        added: [],
        removed: [],
        error: {
          code: 'Request_BadRequest',
          message: 'Subscription with SKU x does not have any available licenses.',
          hint: 'Buy more',
        },
        at: 't',
      },
    ]);
    const rows = csv.trimEnd().split('\r\n');
    assert.equal(rows[0], 'user,outcome,added,removed,usageLocation,errorCode,errorMessage,hint,at');
    assert.equal(rows[1], 'a@contoso.com,changed,MCOEV MCOPSTN1,,,,,,2026-11-25T00:00:00Z');
    assert.match(
      rows[2],
      /^b@contoso.com,failed,,,,Request_BadRequest,Subscription with SKU x does not have any available licenses\.,Buy more,t$/,
    );
  });
});

describe('national clouds', () => {
  it('sends GCC High admins to the .us authority and Graph host, with fully qualified scopes', () => {
    const cloud = cloudOf('USGovGCCHigh');
    assert.equal(cloud.authorityHost, 'https://login.microsoftonline.us');
    assert.equal(graphBaseUrl(cloud), 'https://graph.microsoft.us/v1.0');
    assert.deepEqual(delegatedScopes(cloud), [
      'https://graph.microsoft.us/LicenseAssignment.Read.All',
      'https://graph.microsoft.us/LicenseAssignment.ReadWrite.All',
      'https://graph.microsoft.us/User.ReadWrite.All',
      'https://graph.microsoft.us/GroupMember.Read.All',
    ]);
  });
  it('falls back to the global cloud for an unknown name rather than an unknown host', () => {
    assert.equal(cloudOf('Mars'), CLOUDS.Global);
    assert.equal(cloudOf('USGovDoD').graphHost, 'https://dod-graph.microsoft.us');
  });
});

describe('preview totals and the confirmation summary', () => {
  it('name a SKU whose disabled plans change, not only SKUs added or removed', () => {
    const plan = planRun(
      [
        wants('bob', { assign: [{ sku: 'ENTERPRISEPACK', disable: ['EXCHANGE_S_ENTERPRISE'] }] }),
        wants('alice', { assign: ['MCOEV'] }),
      ],
      tenantSkus(),
      found(graphUser('bob@contoso.com', { direct: [['ENTERPRISEPACK']] }), graphUser('alice@contoso.com')),
    );
    assert.deepEqual(changeSummary(plan), [
      '+MCOEV (Microsoft Teams Phone Standard): 1 user',
      '~ENTERPRISEPACK (Office 365 E3): other disabled plans for 1 user',
    ]);
    const preview = renderPreview(plan, { file: 'x.licenses', tenant: 'Demo tenant', at: new Date(0) });
    assert.match(preview, /^- 2 users: 2 to change, 0 already as wanted, 0 that will not be written$/m);
    assert.match(preview, /^- ~ENTERPRISEPACK \(Office 365 E3\): other disabled plans for 1 user$/m);
  });

  it('the seats section of an over-assigned SKU gives its real numbers, never a negative "available"', () => {
    const shrunk = new TenantSkus([subscribedWith('ENTERPRISEPACK', { total: 10, used: 15 })]);
    const plan = planRun(
      [wants('alice', { assign: ['ENTERPRISEPACK'] })],
      shrunk,
      found(graphUser('alice@contoso.com')),
    );
    const preview = renderPreview(plan, { file: 'x.licenses', tenant: 'Demo tenant', at: new Date(0) });
    assert.match(
      preview,
      /^- ✗ ENTERPRISEPACK lacks 6 seats: 15 assigned of 10 seats, so 5 must be freed before any new assignment/m,
    );
    assert.doesNotMatch(preview, /-\d+ available/);
  });
});
