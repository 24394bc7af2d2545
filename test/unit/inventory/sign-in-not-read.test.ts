import * as assert from 'node:assert/strict';
import { connectToGraph } from '../../../src/core/graph/connection';
import { reclaimFile } from '../../../src/core/inventory/reclaim-file';
import { reportMarkdown } from '../../../src/core/inventory/report-format';
import { readTenantReport } from '../../../src/core/inventory/tenant-report';
import { SIGN_IN_PAGE_SIZE } from '../../../src/core/reads/user-listing';
import { startEmulator, type RunningEmulator } from '../../../src/emulator';
import { startRewritingProxy, type Hostile } from '../fixtures/hostile-endpoints';
import { sharedDemoTenant } from '../fixtures/test-tenant';

describe('report: sign-in activity not read is not "never signed in"', () => {
  let emu: RunningEmulator | undefined;
  let proxy: Hostile | undefined;
  afterEach(async () => {
    await proxy?.close();
    await emu?.close();
    proxy = emu = undefined;
  });

  it('pages of at most 120; users Graph gave no activity for are counted apart and never offered for removal', async () => {
    emu = await startEmulator({ tenant: sharedDemoTenant({ users: 400 }), latencyMs: 0, replicationLag: false });
    const upstream = emu;
    // What admins met on real tenants: pages after the first with an empty signInActivity.
    let pages = 0;
    const blanked = new Set<string>();
    proxy = await startRewritingProxy(upstream.origin, (req, _status, text) => {
      if (!/\/users\?.*signInActivity/i.test(req.url)) return undefined;
      const body = JSON.parse(text) as { value?: Record<string, unknown>[]; '@odata.nextLink'?: string };
      if (++pages > 1)
        for (const u of body.value ?? []) {
          blanked.add(String(u.userPrincipalName));
          delete u.signInActivity;
        }
      if (body['@odata.nextLink'])
        body['@odata.nextLink'] = body['@odata.nextLink'].replace(upstream.origin, proxy!.origin);
      return { body: JSON.stringify(body) };
    });
    const token = upstream.token;
    const connection = connectToGraph({ baseUrl: proxy.baseUrl, getAccessToken: async () => token });
    const outcome = await readTenantReport(connection, { tenantLabel: 'Contoso', days: 30 });
    assert.equal(outcome.kind, 'report', JSON.stringify(outcome));
    if (outcome.kind !== 'report') return;
    const inactive = outcome.report.inactive;
    assert.ok(inactive.available);
    if (!inactive.available) return;
    assert.ok(pages > 1, 'the licensed users took several pages');
    assert.ok(inactive.notRead > 0 && inactive.notRead <= blanked.size, `${inactive.notRead} not read`);
    assert.ok(inactive.users.length > 0, 'users of the first page are still judged');
    assert.ok(
      inactive.users.every((h) => !blanked.has(h.user)),
      'no unread user is called inactive',
    );
    const removal = reclaimFile(outcome.report, 'inactive', outcome.skus) ?? '';
    for (const user of blanked) assert.ok(!removal.includes(user), `${user} is not in the removal file`);
    assert.match(reportMarkdown(outcome.report), /Graph gave no sign-in activity for \d+ licensed users/);
    assert.ok(
      proxy.seen
        .filter((s) => /signInActivity/i.test(s))
        .every((s) => Number(new URLSearchParams(s.split('?')[1]).get('$top')) <= SIGN_IN_PAGE_SIZE),
      'every page asks for at most 120 users',
    );
  });
});
