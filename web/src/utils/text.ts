/**
 * Inserts a block (an image line) in place of the selection, on lines of its own, and says
 * where the cursor goes next: right after the block.
 */
export function insertBlock(text: string, start: number, end: number, block: string): { text: string; cursor: number } {
  const before = text.slice(0, Math.max(0, start));
  const after = text.slice(Math.max(start, end));
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const inserted = `${lead}${block}${trail}`;
  return { text: `${before}${inserted}${after}`, cursor: before.length + lead.length + block.length };
}
