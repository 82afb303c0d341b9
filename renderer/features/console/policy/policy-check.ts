// What is wrong with a policy draft, per field, before it is sent: the contract's own schema, worded by the screen.
import { issueParams, Policy, type ErrorParams } from '../../../../src/common/contract/index.ts';

export interface DraftIssue {
  /** The field's path, e.g. "peakWindows.0.end". */
  path: string;
  /** What the screen words with wordError (key invalid-input) or, for a window of no length, its own words. */
  params: ErrorParams;
  sameStartEnd?: boolean;
}

export function checkDraft(draft: unknown): { ok: true; policy: Policy } | { ok: false; issues: DraftIssue[] } {
  const parsed = Policy.safeParse(draft);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const params = issueParams(issue);
      const sameStartEnd = issue.code === 'custom' && params.field.startsWith('peakWindows.') && params.field.endsWith('.end');
      return { path: params.field, params: { ...params }, ...(sameStartEnd ? { sameStartEnd } : {}) };
    }),
  };
}
