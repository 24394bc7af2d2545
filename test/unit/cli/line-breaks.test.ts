import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli';
import { ALL_SALES_GROUP_ID, VOICE_ROLLOUT_GROUP_ID } from '../../../src/emulator';
import { VirtualClock } from '../fixtures/virtual-clock';
import { capturedIo, type CapturedIo } from '../fixtures/captured-io';
import { startRewritingProxy, type Hostile, type Received } from '../fixtures/hostile-endpoints';
import { startTenant, UPN, type TestTenant } from '../fixtures/test-tenant';

/** What a hostile name or message puts on a line of its own: a harmless-looking total. */
const INJECTED = 'INJECTED 0 users: 0 to change';
/** Every kind of line break a terminal, an editor or a dialog may break a line on. */
const BREAKS = {
  LF: '\n',
  CRLF: '\r\n',
  CR: '\r',
  NEL: '\u0085',
  VT: '\u000b',
  FF: '\u000c',
  'LINE SEPARATOR': '\u2028',
  'PARAGRAPH SEPARATOR': '\u2029',
};
/** The tenant's text with each kind of break in turn, each followed by the injected line. */
const hostile = (text: string) =>
  `${text}${Object.values(BREAKS)
    .map((br) => `${br}${INJECTED}`)
    .join('')}`;
const LINE_BREAK = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/;

/** Every line as a terminal (or a dialog) would show it: each written string split at every break. */
const shownLines = (io: CapturedIo, questions: readonly string[] = []) =>
  [...io.out, ...io.err, ...questions].flatMap((s) => s.split(LINE_BREAK));

/** No shown line starts with the injected text: each begins with what the product wrote. */
function assertNoInjectedLine(lines: readonly string[], what: string) {
  const injected = lines.filter((l) => l.trimStart().startsWith('INJECTED'));
  assert.deepEqual(injected, [], `${what}:\n${lines.join('\n')}`);
  assert.ok(
    lines.some((l) => l.includes('INJECTED')),
    `${what} shows the tenant's text (on the product's line):\n${lines.join('\n')}`,
  );
}

/**
 * Graph's messages with the line break in them: every error Graph (here the emulator, through a
 * proxy) answers, and the assignLicense answers of users, turned into refusals.
 */
function hostileMessages(origins: { graph: string; proxy?: string }) {
  const message = hostile('Refused');
  const rewriteError = (body: unknown) => {
    const e = (body as { error?: { message?: unknown } } | undefined)?.error;
    if (e && typeof e.message === 'string') e.message = hostile(e.message);
  };
  return (req: Received, status: number, answer: string) => {
    // Next pages come back through the proxy, as they would through a real one.
    const text = origins.proxy ? answer.split(origins.graph).join(origins.proxy) : answer;
    let body: {
      error?: unknown;
      responses?: { id: string; status: number; body?: unknown }[];
    };
    try {
      body = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (status >= 400) rewriteError(body);
    const sent = req.url.endsWith('/$batch')
      ? (JSON.parse(req.body) as { requests: { id: string; url: string }[] }).requests
      : [];
    for (const r of body.responses ?? []) {
      const url = sent.find((s) => s.id === r.id)?.url ?? '';
      if (/^\/?users\/.*\/assignLicense$/.test(url))
        Object.assign(r, { status: 400, body: { error: { code: 'Request_BadRequest', message } } });
      else if (r.status >= 400) rewriteError(r.body);
    }
    return { status, body: JSON.stringify(body) };
  };
}

describe('CLI: a line break in tenant text never starts a line of its own', () => {
  let t: TestTenant;
  let proxy: Hostile;
  let dir: string;
  const saved = { url: process.env.LICENSES_GRAPH_URL, token: process.env.LICENSES_ACCESS_TOKEN };
  afterEach(async () => {
    await proxy?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
    for (const [name, value] of [
      ['LICENSES_GRAPH_URL', saved.url],
      ['LICENSES_ACCESS_TOKEN', saved.token],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  });

  it(`${Object.keys(BREAKS).join(', ')} in group names, display names and Graph's messages: plan, apply (y/N), report, export, status`, async () => {
    // Group licensing fails for members, so status and apply name members in error and their group.
    // Graph time, shared by the emulator and the commands: group processing's minutes pass in milliseconds.
    const clock = new VirtualClock();
    const cli = { clock: clock.run };
    t = await startTenant({ clock: clock.emulator, faults: { groupProcessingFailureRate: 1 } });
    const origins: { graph: string; proxy?: string } = { graph: t.emulator.origin };
    proxy = await startRewritingProxy(t.emulator.origin, hostileMessages(origins));
    origins.proxy = proxy.origin;
    process.env.LICENSES_GRAPH_URL = proxy.baseUrl;
    process.env.LICENSES_ACCESS_TOKEN = t.emulator.token;
    dir = mkdtempSync(join(tmpdir(), 'licenses-breaks-'));
    t.emulator.tenant.findGroup(VOICE_ROLLOUT_GROUP_ID)!.displayName = hostile('Interns');
    t.emulator.tenant.findGroup(ALL_SALES_GROUP_ID)!.displayName = hostile('All Sales');
    t.emulator.tenant.findUser(UPN('alice'))!.displayName = hostile('Alice');
    const licenses = join(dir, 'g.licenses');
    writeFileSync(
      licenses,
      `assign MCOEV\ngroup ${VOICE_ROLLOUT_GROUP_ID}\n\nusage-location FR\nassign MCOEV\n${UPN('alice')}\nghost@contoso.com\n`,
    );

    const plan = capturedIo();
    assert.equal(await main(['plan', licenses], plan, cli), 1, plan.err.join('\n'));
    assertNoInjectedLine(shownLines(plan), 'plan');

    const questions: string[] = [];
    const journal = join(dir, 'g.jsonl');
    const applied = capturedIo();
    const code = await main(
      ['apply', licenses, '--journal', journal],
      {
        ...applied,
        prompt: async (q: string) => (questions.push(q), 'y'),
      },
      cli,
    );
    assert.equal(code, 1, shownLines(applied).join('\n'));
    assert.equal(questions.length, 1, shownLines(applied).join('\n'));
    const asked = questions[0]!.split(LINE_BREAK);
    assertNoInjectedLine(asked, 'the confirmation');
    // The totals the admin says yes to are the real ones, on lines of their own.
    const totals = asked.filter((l) => /^\d+ (users?|groups?): /.test(l));
    assert.deepEqual(
      totals,
      [
        '2 users: 1 to change, 0 already as wanted, 1 that will not be written',
        '1 group: 1 to change, 0 already as wanted, 0 that will not be written',
      ],
      asked.join('\n'),
    );
    assert.equal(
      asked.filter((l) => /will not be written:/.test(l)).length,
      1,
      `the user that will not be written, said once:\n${asked.join('\n')}`,
    );
    assertNoInjectedLine(shownLines(applied), 'apply');

    const report = capturedIo();
    assert.equal(await main(['report'], report, cli), 0, report.err.join('\n'));
    const exported = capturedIo();
    const users = join(dir, 'users.licenses');
    writeFileSync(users, `${UPN('alice')}\nghost@contoso.com\n`);
    assert.equal(await main(['export', '--users', users], exported, cli), 1, exported.err.join('\n'));
    assertNoInjectedLine(shownLines(exported), 'export');
    assert.ok(
      shownLines(report).every((l) => !l.trimStart().startsWith('INJECTED')),
      shownLines(report).join('\n'),
    );

    // A run that stopped following while group licensing was at work: status picks the group up.
    const lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
    const queued = lines.findIndex((l) => /"kind":"group".*"QueuedForProcessing"/s.test(l));
    assert.ok(queued > 0, lines.join('\n'));
    writeFileSync(journal, `${lines.slice(0, queued + 1).join('\n')}\n`);
    const status = capturedIo();
    assert.equal(await main(['status', journal, '--wait', '60'], status, cli), 1, status.err.join('\n'));
    assertNoInjectedLine(shownLines(status), 'status');
  });
});
