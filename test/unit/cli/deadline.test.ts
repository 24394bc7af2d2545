import * as assert from 'node:assert/strict';
import { runPlanCommand } from '../../../src/cli/plan-apply';
import { connectTenant } from '../../../src/cli/tenant';
import { APPLY, commandHelp, PLAN, REPROCESS, STATUS } from '../../../src/cli/usage';
import { capturedIo } from '../fixtures/captured-io';

describe("CLI: one user's deadline (--deadline, LICENSES_USER_DEADLINE_SECONDS)", () => {
  it('sets the connection’s deadline; the option wins over the environment; five minutes otherwise', async () => {
    const cases: [string | undefined, Record<string, string>, number][] = [
      [undefined, {}, 300_000],
      ['45', {}, 45_000],
      [undefined, { LICENSES_USER_DEADLINE_SECONDS: '900' }, 900_000],
      ['60', { LICENSES_USER_DEADLINE_SECONDS: '900' }, 60_000],
    ];
    for (const [option, env, ms] of cases) {
      const tenant = await connectTenant(true, env, capturedIo(), option);
      assert.ok(tenant);
      try {
        assert.equal(tenant.connection.retry.userDeadlineMs, ms, `${option} ${JSON.stringify(env)}`);
      } finally {
        await tenant.close();
      }
    }
  });

  it('refuses a value out of bounds or not whole seconds, naming where it came from, and writes nothing', async () => {
    for (const [argv, env, named] of [
      [['plan', '--deadline', '5'], {}, '--deadline'],
      [['plan', '--deadline', '1.5'], {}, '--deadline'],
      [['plan'], { LICENSES_USER_DEADLINE_SECONDS: '99999' }, 'LICENSES_USER_DEADLINE_SECONDS'],
    ] as const) {
      const io = capturedIo();
      const code = await runPlanCommand([...argv.slice(1), 'samples/office-e3.licenses', '--demo'], io, { env });
      assert.equal(code, 2);
      assert.match(io.err.join('\n'), new RegExp(`${named} must be a whole number of seconds from 30 to 3600`));
    }
  });

  it('is in --help with its bounds and its environment variable', () => {
    for (const spec of [PLAN, APPLY, REPROCESS, STATUS]) {
      const help = commandHelp(spec);
      assert.match(help, /--deadline SECONDS/);
      assert.match(help, /30 to 3600, default 300 \(or LICENSES_USER_DEADLINE_SECONDS\)/);
    }
  });
});
