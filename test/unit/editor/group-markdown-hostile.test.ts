import * as assert from 'node:assert/strict';
import { groupCompletionList, groupHoverAt } from '../../../src/core/editor/group-editor';
import { TenantGroups, tenantGroupOf } from '../../../src/core/tenant/tenant-groups';

/** A group display name that tries to be a heading, an image, a link and HTML in a hover. */
const HOSTILE = '# Admin\n![x](https://evil.example/p.png) [Sign in](https://evil.example) <img src=x>`**';
const ID = 'aaaaaaaa-0000-4000-8000-0000000000ee';
const groups = new TenantGroups([
  tenantGroupOf({ id: ID, displayName: HOSTILE, securityEnabled: true, mailEnabled: false, groupTypes: [] }, 3),
]);

/** Markdown syntax that is not escaped by a backslash: what would render as structure. */
const unescaped = (md: string): string[] => md.match(/(^|[^\\])(!\[|\]\(|<img|^#)/gm) ?? [];

describe('editor: a group name in Markdown is text', () => {
  it('the hover shows the name escaped: no link, image, heading or HTML', () => {
    const line = `group ${ID}`;
    const hover = groupHoverAt(line, line.length - 2, groups)!;
    assert.ok(hover, 'a hover');
    const title = hover.markdown.split('\n')[0]!;
    assert.deepEqual(unescaped(hover.markdown), [], hover.markdown);
    assert.match(title, /^\*\*\\# Admin \\!\\\[x\\\]\\\(https\\:\/\/evil\\\.example/);
  });

  it('completion documentation is escaped and the inserted text is one line', () => {
    const list = groupCompletionList('group ', 6, groups)!;
    const item = list.items[0]!;
    assert.deepEqual(unescaped(item.documentation ?? ''), [], item.documentation);
    assert.ok(!/[\r\n]/.test(item.insertText ?? ''), 'no line break goes into the file');
    assert.ok(!/[\r\n]/.test(item.label));
  });
});
