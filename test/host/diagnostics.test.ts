// Diagnostics: codes, severities, ranges, and live updates as the document changes.
// test/fixtures/workspace/diagnostics.licenses marks each line that must carry a diagnostic with
// `# expect: CODE`; where several lines of a block carry the same mark, one of them is enough.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateByOpening,
  codeOf,
  describeDiagnostics,
  diagnosticsOf,
  openFixture,
  revertAndCloseAll,
  waitForDiagnostics,
} from './helpers';

const { Error: E, Warning: W, Information: I } = vscode.DiagnosticSeverity;

/** The table of issue #2: every code and its severity. */
const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  'invalid-user': E,
  'duplicate-user': W,
  'unknown-directive': E,
  'unknown-sku': E,
  'legacy-sku-prefix': W,
  'assign-and-remove': E,
  'unknown-plan': E,
  'disable-without-assign': W,
  'invalid-usage-location': E,
  'calling-plan-needs-phone-system': I,
  'calling-plan-with-onprem-pstn': E,
  'calling-plans-exclusive': E,
  'redundant-sku': I,
  'empty-block': W,
};

/** Where the range is unambiguous, the exact text it must cover. */
const RANGE_TEXT: Record<string, string> = {
  'invalid-user': 'not a user',
  'duplicate-user': 'USER02@contoso.com',
  'unknown-directive': 'asign',
  'unknown-sku': 'E3',
  'unknown-plan': 'NOT_A_PLAN',
  'invalid-usage-location': 'FRA',
};

/** Where the range is a token of the line, a text the range must lie within and overlap. */
const RANGE_WITHIN: Record<string, string> = {
  'legacy-sku-prefix': 'contoso:MCOEV',
  'calling-plan-needs-phone-system': 'assign MCOPSTN1',
  'calling-plans-exclusive': 'assign MCOEV MCOPSTN1 MCOPSTN2',
  'redundant-sku': 'assign SPE_E5 MCOEV',
};

function expectedLines(doc: vscode.TextDocument): Map<string, number[]> {
  const byCode = new Map<string, number[]>();
  for (let i = 0; i < doc.lineCount; i++) {
    // a trailing comment on a non-comment line: `<content>   # expect: code[, code]`
    const m = /^\s*[^#\s].*#\s*expect:\s*([a-z-]+(?:[\s,]+[a-z-]+)*)\s*$/.exec(doc.lineAt(i).text);
    if (!m) continue;
    for (const code of m[1].split(/[\s,]+/).filter(Boolean)) byCode.set(code, [...(byCode.get(code) ?? []), i]);
  }
  return byCode;
}

describe('diagnostics', function () {
  let doc: vscode.TextDocument;
  let diags: vscode.Diagnostic[];
  let expected: Map<string, number[]>;

  before(async function () {
    await activateByOpening();
    doc = (await openFixture('diagnostics.licenses')).doc;
    expected = expectedLines(doc);
    assert.deepEqual([...expected.keys()].sort(), Object.keys(SEVERITY).sort(), 'the fixture marks every code once');
    // Wait until the codes of the fixture show up (the validator may debounce).
    diags = await waitForDiagnostics(
      doc.uri,
      (ds) => [...expected.keys()].every((code) => ds.some((d) => codeOf(d) === code)),
      'a diagnostic of every code in diagnostics.licenses',
    ).catch(() => diagnosticsOf(doc.uri)); // let each test below say what is missing
  });
  after(revertAndCloseAll);

  it('have source "licenses" and a message', () => {
    assert.ok(diags.length > 0, 'no diagnostics with source "licenses"');
    for (const d of diags) assert.ok(d.message.trim().length > 0, `empty message: ${describeDiagnostics([d])}`);
  });

  for (const code of Object.keys(SEVERITY)) {
    it(`${code}: on the marked line, with its severity${RANGE_TEXT[code] ? ` and range "${RANGE_TEXT[code]}"` : ''}`, () => {
      const lines = expected.get(code) ?? [];
      const hits = diags.filter((d) => codeOf(d) === code && lines.includes(d.range.start.line));
      assert.ok(
        hits.length > 0,
        `no ${code} on line ${lines.map((l) => l + 1).join(' or ')} ` +
          `("${lines.map((l) => doc.lineAt(l).text.replace(/\s*#.*$/, '')).join('" / "')}"); diagnostics: ${describeDiagnostics(diags)}`,
      );
      const d = hits[0];
      assert.equal(d.severity, SEVERITY[code], `severity of ${code}`);
      assert.equal(d.range.start.line, d.range.end.line, `${code} range spans lines`);
      const text = doc.getText(d.range);
      if (RANGE_TEXT[code]) assert.equal(text, RANGE_TEXT[code], `text under the ${code} range`);
      const within = RANGE_WITHIN[code];
      if (within) {
        const lineText = doc.lineAt(d.range.start.line).text;
        const start = lineText.indexOf(within);
        assert.ok(
          text.length > 0 && d.range.start.character >= start && d.range.end.character <= start + within.length,
          `${code} range "${text}" should cover part of "${within}"`,
        );
      }
    });
  }

  it('the sample file (issue #2 example) and a plain UPN list have none', async () => {
    for (const name of ['sample.licenses', 'plain-list.licenses']) {
      const { doc: clean, editor } = await openFixture(name);
      // Prove the validator ran on this document: break it, see a diagnostic, repair it, see none.
      const end = clean.lineAt(clean.lineCount - 1).range.end;
      await editor.edit((b) => b.insert(end, '\nasign MCOEV\n'));
      await waitForDiagnostics(
        clean.uri,
        (ds) => ds.some((d) => codeOf(d) === 'unknown-directive'),
        `unknown-directive after typing in ${name}`,
      );
      await vscode.commands.executeCommand('undo');
      await waitForDiagnostics(clean.uri, (ds) => ds.length === 0, `no diagnostics in ${name}`);
    }
  });

  it('update as the document changes', async () => {
    const { doc: d, editor } = await openFixture('quickfix-legacy.licenses');
    const line = d.lineAt(2); // alice@contoso.com
    await editor.edit((b) => b.replace(line.range, 'not-a-user'));
    await waitForDiagnostics(
      d.uri,
      (ds) => ds.some((x) => codeOf(x) === 'invalid-user' && x.range.start.line === 2),
      'invalid-user after the edit',
    );
    await editor.edit((b) => b.replace(d.lineAt(2).range, 'alice@contoso.com'));
    await waitForDiagnostics(
      d.uri,
      (ds) => !ds.some((x) => codeOf(x) === 'invalid-user'),
      'invalid-user to go away after the repair',
    );
  });
});
