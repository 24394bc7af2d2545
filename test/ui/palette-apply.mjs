// UI test of the main flow: "Licenses: Use Demo Tenant", then "Licenses: Apply License File" from
// the command palette on test/fixtures/workspace/phone-system.licenses, then the per-user lines of
// the "Licenses" output channel (✓ for a changed user, ✗ for a failed one).
import assert from 'node:assert/strict';

const perUser = (lines) => {
  const out = new Map();
  for (const line of lines) {
    // LogOutputChannel lines carry a timestamp and level before the message.
    const m = /(?:^|\s)([✓✗])\s+(\S+@\S+)/.exec(line);
    if (m) out.set(m[2].toLowerCase(), { mark: m[1], line });
  }
  return out;
};

export default [
  {
    name: 'Apply License File against the demo tenant shows ✓/✗ per user in the Licenses output',
    timeoutMs: 90_000,
    async run({ wb }) {
      await wb.openFile('phone-system.licenses');
      await wb.runCommand('Licenses: Use Demo Tenant');
      await wb.acceptDialogIfAny(undefined, 1_000);
      await wb.openFile('phone-system.licenses');
      await wb.runCommand('Licenses: Apply License File');
      // Until every user has a line: confirm the modal confirmation (tenant, users, adds/removes)
      // when it shows, and show the "Licenses" channel once it exists.
      const wanted = ['alice@contoso.com', 'bob@contoso.com', 'unknown.user@contoso.com'];
      let shown = false;
      let users = new Map();
      const deadline = Date.now() + 60_000;
      while (!wanted.every((u) => users.has(u))) {
        if (Date.now() > deadline) {
          const lines = shown ? await wb.outputLines() : ['(the "Licenses" output channel never appeared)'];
          throw new Error(
            `no ✓/✗ line for ${wanted.filter((u) => !users.has(u)).join(', ')} in the Licenses output after 60 s; output:\n      ${lines.join('\n      ')}`,
          );
        }
        const dialog = await wb.acceptDialogIfAny(undefined, 300);
        if (dialog)
          console.error(
            `    confirmation: ${dialog.message.slice(0, 200)} [${dialog.buttons.join(' / ')}] -> ${dialog.clicked}`,
          );
        if (!shown) {
          shown = await wb.showOutputChannel('Licenses', 2_000).then(
            () => true,
            () => false,
          );
          // More lines in view: the panel renders only those, and new ones scroll old ones away.
          if (shown) await wb.maximizePanel();
        }
        if (shown) for (const [u, v] of perUser(await wb.outputLines())) users.set(u, v);
        await wb.page.waitForTimeout(300);
      }
      await wb.screenshot('apply-output');
      await wb.maximizePanel(); // back to normal
      assert.equal(users.get('alice@contoso.com').mark, '✓', users.get('alice@contoso.com').line);
      assert.equal(users.get('bob@contoso.com').mark, '✓', users.get('bob@contoso.com').line);
      assert.equal(users.get('unknown.user@contoso.com').mark, '✗', users.get('unknown.user@contoso.com').line);
      assert.match(users.get('alice@contoso.com').line, /MCOEV/, "alice's line names what was added");
    },
  },
];
