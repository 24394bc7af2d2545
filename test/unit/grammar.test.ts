import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(__dirname, '..', '..', '..');

/** The real TextMate engine VS Code uses (vscode-textmate + oniguruma WASM), on our grammar. */
async function loadGrammar(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s) => new oniguruma.OnigScanner(s),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () =>
      textmate.parseRawGrammar(
        readFileSync(join(root, 'syntaxes', 'licenses.tmLanguage.json'), 'utf8'),
        'licenses.tmLanguage.json',
      ),
  });
  const grammar = await registry.loadGrammar('source.licenses');
  assert.ok(grammar);
  return grammar;
}

/** [text, innermost scope] per token of one line. */
function tokensOf(grammar: textmate.IGrammar, line: string): [string, string][] {
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  return tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]]);
}

const scopeOf = (tokens: [string, string][], text: string) => tokens.find(([t]) => t === text)?.[1];

describe('syntax colouring (TextMate grammar), token by token', () => {
  let grammar: textmate.IGrammar;
  before(async () => {
    grammar = await loadGrammar();
  });

  it('colours directives as keywords and SKUs as types, with a trailing comment', () => {
    const t = tokensOf(grammar, 'assign ENTERPRISEPACK, MCOEV   # Sales');
    assert.equal(scopeOf(t, 'assign'), 'keyword.control.directive.licenses');
    assert.equal(scopeOf(t, 'ENTERPRISEPACK'), 'entity.name.type.sku.licenses');
    assert.equal(scopeOf(t, 'MCOEV'), 'entity.name.type.sku.licenses');
    assert.equal(scopeOf(t, ','), 'punctuation.separator.comma.licenses');
    assert.equal(t[t.length - 1][1], 'comment.line.number-sign.licenses');
  });

  it('marks the MSOnline tenant prefix as deprecated', () => {
    const t = tokensOf(grammar, 'add contoso:MCOEV');
    assert.equal(scopeOf(t, 'contoso'), 'invalid.deprecated.tenant-prefix.licenses');
    assert.equal(scopeOf(t, 'MCOEV'), 'entity.name.type.sku.licenses');
  });

  it('colours the SKU and the service plans of a disable line differently', () => {
    const t = tokensOf(grammar, 'disable ENTERPRISEPACK: YAMMER_ENTERPRISE SWAY');
    assert.equal(scopeOf(t, 'ENTERPRISEPACK'), 'entity.name.type.sku.licenses');
    assert.equal(scopeOf(t, ':'), 'punctuation.separator.key-value.licenses');
    assert.equal(scopeOf(t, 'SWAY'), 'support.constant.service-plan.licenses');
  });

  it('colours country codes, pstn on-premises, users and object ids', () => {
    assert.equal(scopeOf(tokensOf(grammar, 'usage-location FR'), 'FR'), 'constant.language.country-code.licenses');
    assert.equal(scopeOf(tokensOf(grammar, 'PSTN on-premises'), 'on-premises'), 'constant.language.pstn-mode.licenses');
    const user = tokensOf(grammar, 'alice@contoso.com');
    assert.equal(scopeOf(user, 'alice'), 'string.unquoted.user.name.licenses');
    assert.equal(scopeOf(user, 'contoso.com'), 'string.unquoted.user.domain.licenses');
    assert.equal(
      tokensOf(grammar, '48d31887-5fad-4d73-a9f5-3c356e68a038')[0][1],
      'constant.numeric.guid.user.licenses',
    );
  });

  it('colours exact as a directive, and not the start of a word that only begins like it', () => {
    assert.equal(scopeOf(tokensOf(grammar, 'Exact   # the whole set'), 'Exact'), 'keyword.control.directive.licenses');
    assert.notEqual(scopeOf(tokensOf(grammar, 'exactly@contoso.com'), 'exactly'), 'keyword.control.directive.licenses');
  });

  it('keeps the # of a guest UPN inside the user, but starts a comment after whitespace', () => {
    const t = tokensOf(grammar, 'ann_fabrikam.com#EXT#@contoso.onmicrosoft.com # guest');
    assert.equal(scopeOf(t, 'ann_fabrikam.com#EXT#'), 'string.unquoted.user.name.licenses');
    assert.equal(t[t.length - 1][1], 'comment.line.number-sign.licenses');
  });

  it('colours a telephone number after a user, its extension, and no-number; a comment after them stays a comment', () => {
    const t = tokensOf(grammar, 'alice@contoso.com   +1 (425) 555-0101   # desk');
    assert.equal(scopeOf(t, 'alice'), 'string.unquoted.user.name.licenses');
    assert.equal(scopeOf(t, '+1 (425) 555-0101'), 'constant.numeric.phone.licenses');
    assert.equal(t[t.length - 1][1], 'comment.line.number-sign.licenses');
    const dr = tokensOf(grammar, 'dave@contoso.com +33 1 70 00 00 01;ext=201');
    assert.equal(scopeOf(dr, '+33 1 70 00 00 01'), 'constant.numeric.phone.licenses');
    assert.equal(scopeOf(dr, ';ext='), 'punctuation.separator.extension.licenses');
    assert.equal(scopeOf(dr, '201'), 'constant.numeric.phone.extension.licenses');
    const none = tokensOf(grammar, 'carol@contoso.com  No-Number  # takes her numbers away');
    assert.equal(scopeOf(none, 'No-Number'), 'constant.language.no-number.licenses');
    const byId = tokensOf(grammar, '48d31887-5fad-4d73-a9f5-3c356e68a038 +14255550102');
    assert.equal(scopeOf(byId, '+14255550102'), 'constant.numeric.phone.licenses');
  });

  it('colours number-location as a directive with its location id, and not a user named no-number', () => {
    const t = tokensOf(grammar, 'number-location 3a1d7b2e-0000-4000-8000-000000000001   # Seattle');
    assert.equal(scopeOf(t, 'number-location'), 'keyword.control.directive.licenses');
    assert.equal(scopeOf(t, '3a1d7b2e-0000-4000-8000-000000000001'), 'constant.numeric.guid.location.licenses');
    assert.notEqual(
      scopeOf(tokensOf(grammar, 'no-number@contoso.com'), 'no-number'),
      'constant.language.no-number.licenses',
    );
  });

  it('colours the tenant line: its keyword, a domain or a tenant id, and a trailing comment', () => {
    const domain = tokensOf(grammar, 'Tenant contoso.onmicrosoft.com   # Contoso');
    assert.equal(scopeOf(domain, 'Tenant'), 'keyword.other.tenant.licenses');
    assert.equal(scopeOf(domain, 'contoso.onmicrosoft.com'), 'entity.name.namespace.tenant.licenses');
    assert.equal(domain[domain.length - 1][1], 'comment.line.number-sign.licenses');
    const id = tokensOf(grammar, 'tenant 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9');
    assert.equal(scopeOf(id, '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9'), 'constant.numeric.guid.tenant.licenses');
    assert.notEqual(scopeOf(tokensOf(grammar, 'tenant@contoso.com'), 'tenant'), 'keyword.other.tenant.licenses');
  });
});
