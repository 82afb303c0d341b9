// Today's list shows a household that passed together (issue 15) as one row: its members share a group id.
import type { Entry } from '../../../src/common/contract/index.ts';

export type LogRow = { kind: 'one'; entry: Entry } | { kind: 'group'; groupId: string; entries: Entry[] };

/** Entries newest first in, rows out: the members of a group join the row of the group's newest member. */
export function groupRows(entries: readonly Entry[]): LogRow[] {
  const rows: LogRow[] = [];
  const groups = new Map<string, Extract<LogRow, { kind: 'group' }>>();
  for (const entry of entries) {
    const id = entry.groupId;
    if (!id) {
      rows.push({ kind: 'one', entry });
      continue;
    }
    const row = groups.get(id);
    if (row) row.entries.push(entry);
    else {
      const created = { kind: 'group' as const, groupId: id, entries: [entry] };
      groups.set(id, created);
      rows.push(created);
    }
  }
  // Within a group, the order recorded (the first person first).
  for (const row of groups.values()) row.entries.reverse();
  return rows;
}
