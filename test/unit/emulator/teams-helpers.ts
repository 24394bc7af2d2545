import { strict as assert } from 'node:assert';
import { checkAnswer, checkRequest } from '../../conformance/graph-metadata';
import { type RunningEmulator } from '../../../src/emulator';
import { type Reply } from './helpers';

export const NUMBERS = '/admin/teams/telephoneNumberManagement';
export const userIdOf = (emu: RunningEmulator, upn: string): string => emu.tenant.findUser(upn)!.id;

/**
 * One Graph call over loopback, with a given token (default the emulator's), whose request and answer are
 * both checked against Microsoft's published metadata: a shape Graph would not send fails the test.
 */
export async function teamsCall(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
  token: string = emu.token,
  options: { readonly malformedOnPurpose?: boolean } = {},
): Promise<Reply> {
  if (!options.malformedOnPurpose)
    assert.deepEqual(checkRequest({ method, url: path, body }), [], `request ${method} ${path}`);
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${token}` } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${emu.baseUrl}${path}`, init);
  const text = await res.text();
  const reply = { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  const problems = checkAnswer({ method, url: path, status: reply.status, body: reply.body }).filter(
    (p) => !isDocumentedUpdateNumberAnswer(path, reply.status, p),
  );
  assert.deepEqual(problems, [], `answer to ${method} ${path}: ${text}`);
  return reply;
}

/** The operation path a 202's Location names, in the documented `operations/{id}` form. */
export function operationPath(reply: Reply): string {
  const location = reply.headers.get('Location') ?? '';
  const m = /\/operations\('([^']+)'\)$/.exec(location);
  assert.ok(m, `a Location naming an operation, got ${location}`);
  return `${NUMBERS}/operations/${m[1]}`;
}

/**
 * updateNumber has no return type in the metadata, so OData would answer 204; its page says "If successful,
 * this method returns a 200 OK response code" and shows `HTTP/1.1 200 OK` with no body. The emulator follows
 * the page; this one disagreement between the page and the metadata is let through, nothing else.
 */
function isDocumentedUpdateNumberAnswer(path: string, status: number, problem: string): boolean {
  return (
    /\/numberAssignments\/updateNumber$/.test(path) && status === 200 && /updateNumber returns nothing/.test(problem)
  );
}
