import * as assert from 'node:assert/strict';
import { hoverAt } from '../../../src/core/editor/hover';
import { english } from '../../../src/core/text/translate';
import { catalog } from '../helpers';

describe('hover on the tenant line', () => {
  it('signed in: the tenant name, escaped, above the domain the line gives', () => {
    const names = (w: string) => (w === 'contoso.onmicrosoft.com' ? 'Contoso *Ltd* [x](http://e)' : undefined);
    const h = hoverAt(
      'tenant contoso.onmicrosoft.com # c',
      10,
      catalog,
      'en',
      undefined,
      english,
      undefined,
      undefined,
      names,
    );
    assert.ok(h);
    assert.deepEqual([h.start, h.end], [7, 30]);
    assert.equal(
      h.markdown,
      '**Contoso \\*Ltd\\* \\[x\\]\\(http\\://e\\)**\n\nThis file is written to the tenant with the domain `contoso.onmicrosoft.com`.',
    );
  });

  it('not signed in (or a tenant the session cannot reach): what the line names, without a name', () => {
    const h = hoverAt('tenant 0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', 0, catalog);
    assert.equal(h?.markdown, 'This file is written to the tenant with id `0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9`.');
  });

  it('nothing for a tenant line the rules refuse', () => {
    assert.equal(hoverAt('tenant contoso', 8, catalog), undefined);
    assert.equal(hoverAt('tenant a.example.com b.example.com', 8, catalog), undefined);
  });
});
