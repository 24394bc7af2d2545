import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli';
import { runCheckCommand } from '../../../src/cli/check';
import { runApplyCommand, runPlanCommand } from '../../../src/cli/plan-apply';
import { APPLY, CHECK, commandHelp, commandUsage, PLAN, usage } from '../../../src/cli/usage';
import { onGraphTime } from '../fixtures/virtual-clock';

interface Ran {
  code: number;
  out: string[];
  err: string[];
}
type Command = (argv: readonly string[], io: { stdout(l: string): void; stderr(l: string): void }) => Promise<number>;

async function ran(command: Command, argv: string[]): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
  return { code, out, err };
}

describe('CLI arguments (util.parseArgs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'licenses-args-'));
  const good = join(dir, 'good.licenses');
  writeFileSync(good, 'assign MCOEV\nalice@contoso.com\n');
  after(() => rmSync(dir, { recursive: true, force: true }));

  const apply: Command = (argv, io) =>
    runApplyCommand(argv, io, { env: { LICENSES_ACCESS_TOKEN: 'never used: parsing fails first' } });
  const plan: Command = (argv, io) => runPlanCommand(argv, io, { env: { LICENSES_ACCESS_TOKEN: 'never used' } });

  const refused = async (command: Command, argv: string[], message: string, usage: string) => {
    const r = await ran(command, argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: exit ${r.code}`);
    assert.deepEqual(r.err, [message, usage], `${argv.join(' ')}`);
  };

  it('--journal= and --journal followed by another option say that --journal needs a value', async () => {
    await refused(apply, [good, '--journal='], '--journal needs a value', commandUsage(APPLY));
    await refused(apply, [good, '--journal', '--yes'], '--journal needs a value', commandUsage(APPLY));
    await refused(apply, [good, '--journal'], '--journal needs a value', commandUsage(APPLY));
    await refused(plan, [good, '--assign'], '--assign needs a value', commandUsage(PLAN));
  });

  it('a flag with a value is refused (--json=1), an unknown option is named', async () => {
    await refused(apply, [good, '--json=1'], '--json does not take a value', commandUsage(APPLY));
    await refused(apply, [good, '--foo'], 'unknown option --foo', commandUsage(APPLY));
    await refused(plan, [good, '--journal', 'x.jsonl'], 'unknown option --journal', commandUsage(PLAN));
    await refused(runCheckCommand, [good, '--fix'], 'unknown option --fix', commandUsage(CHECK));
    await refused(
      apply,
      [good, '--journal', 'a.jsonl', '--journal', 'b.jsonl'],
      '--journal is given twice',
      commandUsage(APPLY),
    );
  });

  it('`--` ends the options: `check -- file` checks the file, even one whose name starts with a dash', async () => {
    const dashed = join(dir, '-odd.licenses');
    writeFileSync(dashed, 'assign MCOEV\nalice@contoso.com\n');
    const r = await ran(runCheckCommand, ['--', good]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.out.at(-1)!, /^1 file checked/);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const odd = await ran(runCheckCommand, ['--json', '--', '-odd.licenses']);
      assert.equal(odd.code, 0, odd.err.join('\n'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('files and --retry-failed together, or no file at all, are refused with the usage', async () => {
    await refused(
      apply,
      [good, '--retry-failed', 'j.jsonl'],
      'give either files or --retry-failed JOURNAL, not both',
      commandUsage(APPLY),
    );
    await refused(apply, ['--yes'], 'no file given', commandUsage(APPLY));
    await refused(runCheckCommand, ['--json'], 'no file given', commandUsage(CHECK));
  });

  it('--help prints the command’s help and exits 0; the overview lists each command once', async () => {
    for (const [command, spec] of [
      [apply, APPLY],
      [plan, PLAN],
      [runCheckCommand, CHECK],
    ] as const) {
      const r = await ran(command, ['--help']);
      assert.equal(r.code, 0);
      assert.deepEqual(r.out, [commandHelp(spec)]);
      assert.equal(r.out[0].split('\n')[0], commandUsage(spec), 'the help starts with the usage line');
      assert.match(usage(), new RegExp(`^ {2}${spec.name} +\\S`, 'm'), `${spec.name} missing from the overview`);
    }
    const overview = await ran((argv, io) => main(argv, io), ['--help']);
    assert.deepEqual(overview.out, [usage()]);
    assert.equal(
      commandUsage(APPLY),
      'usage: m365-licenses apply <file>... [--json] [--summary] [--yes] [--demo] [--journal PATH] [--retry-failed JOURNAL] [--assign SKU,..] [--remove SKU,..] [--usage-location CC] [--deadline SECONDS] [--number-wait MINUTES]',
    );
  });

  it('repeated --assign adds up, and comma lists are split', async () => {
    const list = join(dir, 'list.txt');
    writeFileSync(list, 'alice@contoso.com\n');
    const r = await ran(
      (argv, io) => runPlanCommand(argv, io, onGraphTime({ env: {} })),
      [list, '--assign', 'ENTERPRISEPACK,MCOEV', '--assign=MCOPSTN1', '--demo'],
    );
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(
      r.out.join('\n'),
      /^ {2}1 user: \+ENTERPRISEPACK \(Office 365 E3\) \+MCOEV \(Microsoft Teams Phone Standard\) \+MCOPSTN1 \(Skype for Business PSTN Domestic Calling\)\n {4}alice@contoso\.com$/m,
    );
  });
});
