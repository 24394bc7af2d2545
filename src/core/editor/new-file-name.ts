/**
 * The name New License File gives the new document, under which Save writes it in the workspace
 * folder. Without one, VS Code names an untitled document from its first line, which is the
 * scenario's comment ("# One user principal name per line; the .licenses"). `taken`: lower-case
 * names of the folder's files and of the other new documents.
 */
export function proposedFileName(scenarioLabel: string, taken: ReadonlySet<string>): string {
  const base = slug(scenarioLabel) || 'users';
  for (let n = 1; ; n++) {
    const name = `${base}${n === 1 ? '' : `-${n}`}.licenses`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

const MAX_BASE = 48;

/** "Phone System + Domestic Calling Plan" → "phone-system-domestic-calling-plan": safe on every file system. */
function slug(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > MAX_BASE) break;
    out = next;
  }
  return out || (words[0] ?? '').slice(0, MAX_BASE);
}

/** Where the cursor goes in the new file: the example user, selected, so typing replaces it. */
export function placeholderRange(
  text: string,
  placeholder: string,
): { line: number; start: number; end: number } | undefined {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.trim() === placeholder);
  if (line < 0) return undefined;
  const start = lines[line].indexOf(placeholder);
  return { line, start, end: start + placeholder.length };
}
