// Errors cross the boundary as a code with a key and values: the dispatcher passes them on, a contract check names
// its field and rule, and every GateError thrown where the screen can meet it carries a key.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GateError, invalidInput } from '../../../../src/common/contract/errors.ts';
import { normaliseIdNumber } from '../../../../src/common/id-number.ts';
import type { AuthorizePorts } from '../../../../src/kiosk/platform/calls/authorize.ts';
import { createDispatcher, type Handlers } from '../../../../src/kiosk/platform/calls/dispatcher.ts';

const nobody: AuthorizePorts = { resolveSession: () => null, verifyCredentials: async () => { throw new GateError('forbidden', 'x'); } };

describe('error words across the boundary', () => {
  it('passes a GateError key and values on', async () => {
    const dispatch = createDispatcher({ 'entries.today': () => { throw new GateError('not-found', 'Plate A1 is not on the roster.', { key: 'plate-not-on-roster', params: { plate: 'A1' } }); } } as Partial<Handlers>, nobody);
    expect(await dispatch('entries.today', {})).toEqual({ ok: false, error: { code: 'not-found', message: 'Plate A1 is not on the roster.', key: 'plate-not-on-roster', params: { plate: 'A1' } } });
  });

  it('words a contract check as its field, rule and limit', async () => {
    const dispatch = createDispatcher({ 'entries.today': () => ({ entries: [], total: 0 }) } as Partial<Handlers>, nobody);
    const result = await dispatch('entries.today', { limit: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input', key: 'invalid-input', params: { field: 'limit', rule: 'too-small', limit: 1 } } });
  });

  it.each([
    [z.object({ name: z.string() }), {}, { field: 'name', rule: 'required' }],
    [z.object({ n: z.number().max(39) }), { n: 40 }, { field: 'n', rule: 'too-big', limit: 39 }],
    [z.object({ s: z.string().max(3) }), { s: 'abcd' }, { field: 's', rule: 'too-long', limit: 3 }],
    [z.object({ a: z.array(z.number()).min(1) }), { a: [] }, { field: 'a', rule: 'required' }],
    [z.object({ t: z.string().regex(/^\d\d:\d\d$/) }), { t: '7' }, { field: 't', rule: 'wrong-format' }],
    [z.object({ e: z.enum(['x']) }), { e: 'y' }, { field: 'e', rule: 'not-allowed' }],
    [z.object({ n: z.number() }), { n: 'one' }, { field: 'n', rule: 'wrong-type' }],
  ])('a zod issue becomes words the screen can say (%#)', (schema, value, params) => {
    const error = schema.safeParse(value).error!;
    expect(invalidInput(error).params).toEqual(params);
  });

  it('gives the ID checksum its own key', () => {
    expect(() => normaliseIdNumber('110101199003071235')).toThrow(expect.objectContaining({ key: 'id-checksum' }) as Error);
  });

  // Files whose errors only ever reach the CLI or the start-up log (in English), never the screen.
  const startUpOnly = new Set(['src/kiosk/platform/store/open-store.ts', 'src/kiosk/platform/store/at-rest/key-record.ts', 'src/kiosk/platform/store/at-rest/key-protection.ts', 'src/kiosk/features/roster/id-key.ts', 'src/kiosk/platform/config/kiosk-config.ts']);
  const root = path.resolve(__dirname, '../../../..');
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => { const full = path.join(dir, name); return statSync(full).isDirectory() ? walk(full) : full.endsWith('.ts') ? [full] : []; });

  it('every GateError the screen can meet carries a key', () => {
    const unkeyed: string[] = [];
    for (const file of [...walk(path.join(root, 'src/kiosk')), ...walk(path.join(root, 'src/common'))]) {
      const relative = path.relative(root, file);
      if (startUpOnly.has(relative)) continue;
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new GateError\(/g)) {
        // The call's own parentheses, strings and template literals included.
        let depth = 0;
        let end = match.index;
        for (; end < text.length; end++) {
          if (text[end] === '(') depth++;
          if (text[end] === ')' && --depth === 0) break;
        }
        const call = text.slice(match.index, end + 1);
        if (!/\bkey: /.test(call) && !/GateError\(\w+\.code, \w+\.message, /.test(call) && !/, words\)$/.test(call)) unkeyed.push(`${relative}:${text.slice(0, match.index).split('\n').length}`);
      }
    }
    expect(unkeyed).toEqual([]);
  });
});
