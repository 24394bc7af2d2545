import * as assert from 'node:assert/strict';
import { main } from '../../../src/cli';
import { runTenantsCommand } from '../../../src/cli/partner/tenants';
import { bundleTranslator } from '../../../src/core/text/translate';
import { demoTenant, startEmulator, type RunningEmulator } from '../../../src/emulator';
import french from '../../../l10n/bundle.l10n.fr.json';
import { capturedIo } from '../fixtures/captured-io';
import { onGraphTime } from '../fixtures/virtual-clock';

const DAY_MS = 86_400_000;

describe('CLI: tenants lists the partner’s customer tenants from its GDAP relationships', () => {
  let emu: RunningEmulator | undefined;
  afterEach(() => emu?.close());

  it('on the demo: each active customer with its roles, end and auto-extend, and the flags; exit 1 when one is flagged', async () => {
    const io = capturedIo();
    const code = await runTenantsCommand(['--demo'], io, onGraphTime());
    assert.equal(code, 1, io.err.join('\n'));
    const out = io.out.join('\n');
    assert.match(out, /^Customer tenants of demo tenant \(built-in emulator\) \(GDAP\): 2$/m);
    assert.match(out, /✓ Fabrikam, Inc\. {2}[0-9a-f-]{36}\n {4}roles: License Administrator, User Administrator\n/);
    assert.match(out, /auto-extends by 180 days/);
    assert.match(
      out,
      /⚠ Northwind Traders[^\n]*\n {4}roles: License Administrator\n {4}ends \d{4}-\d\d-\d\d \(in 1?\d days\), no auto-extend/,
    );
    assert.match(out, /no User Administrator role; ends within 30 days without auto-extend/);
    assert.doesNotMatch(out, /Tailspin/);
    assert.match(out, /1 more customer whose relationships all ended: --all lists it\./);
  });

  it('--all --json: one object per customer, expired ones too, then a summary', async () => {
    const io = capturedIo();
    assert.equal(await main(['tenants', '--demo', '--all', '--json'], io, onGraphTime()), 1);
    const objects = io.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      objects.slice(0, 3).map((o) => [o.displayName, o.flags]),
      [
        ['Fabrikam, Inc.', []],
        ['Northwind Traders', ['no-user-administrator', 'ending-soon']],
        ['Tailspin Toys', ['expired']],
      ],
    );
    assert.deepEqual(objects[3], { summary: { partner: 'demo tenant (built-in emulator)', tenants: 3, flagged: 2 } });
  });

  it('judges the end dates by the injected clock', async () => {
    const io = capturedIo();
    // 25 days on, Northwind's relationship (20 days left) has ended: only Fabrikam is listed, unflagged.
    const code = await runTenantsCommand(
      ['--demo'],
      io,
      onGraphTime({ now: () => new Date(Date.now() + 25 * DAY_MS) }),
    );
    assert.equal(code, 0);
    assert.match(io.out.join('\n'), /GDAP\): 1$/m);
  });

  it('writes a hostile customer name on one line, without its control or bidirectional characters', async () => {
    emu = await startEmulator({
      latencyMs: 0,
      tenant: {
        ...demoTenant(),
        delegatedAdminRelationships: [
          {
            id: 'r1',
            displayName: 'x',
            customer: {
              tenantId: '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0',
              displayName: 'Evil\n\u001b[2Jassign E5\u202e',
            },
            roleDefinitionIds: ['4d6ac14f-3453-41d0-bef9-a3e0c569773a', 'fe930be7-5e62-47db-91af-98c3a49a38b1'],
            status: 'active',
            duration: 'P730D',
            autoExtendDuration: 'P180D',
            endDateTime: new Date(Date.now() + 300 * DAY_MS).toISOString(),
          },
        ],
      },
    });
    const env = { LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: emu.token };
    const io2 = capturedIo();
    assert.equal(await runTenantsCommand([], io2, { env }), 0, io2.err.join('\n'));
    const line = io2.out.find((l) => l.includes('Evil'))!;
    assert.ok(line.startsWith('✓ Evil'), line);
    assert.doesNotMatch(line, /\n|\u202e/);
  });

  it('in French', async () => {
    const io = { ...capturedIo(), t: bundleTranslator(french as Record<string, string>, 'fr') };
    await runTenantsCommand(['--demo'], io, onGraphTime());
    const out = io.out.join('\n');
    assert.match(out, /Locataires clients de .* \(GDAP\) : 2/);
    assert.match(out, /rôles : Administrateur de licence, Administrateur d'utilisateurs/);
    assert.match(out, /prolongée automatiquement de 180 jours/);
  });

  it('a token that may not read relationships: exit 2 and the permission named', async () => {
    emu = await startEmulator({ latencyMs: 0 });
    const env = { LICENSES_GRAPH_URL: emu.baseUrl, LICENSES_ACCESS_TOKEN: emu.mintToken({ roles: ['User.Read.All'] }) };
    const io = capturedIo();
    assert.equal(await runTenantsCommand([], io, { env }), 2);
    assert.match(io.err.join('\n'), /Cannot read the GDAP relationships of .*DelegatedAdminRelationship\.Read\.All/);
  });

  it('refuses an operand', async () => {
    const io = capturedIo();
    assert.equal(await runTenantsCommand(['extra'], io), 2);
    assert.match(io.err.join('\n'), /unexpected argument "extra"/);
  });
});
