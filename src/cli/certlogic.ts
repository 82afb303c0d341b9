// `gate-kiosk certlogic`: evaluate CertLogic expressions given as JSON lines, for installers writing DCC business rules.
import { createInterface } from 'node:readline';
import { evaluate, SPECIFICATION_VERSION } from '../common/certlogic/evaluate.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk certlogic < lines.jsonl

Evaluates CertLogic (the EU DCC business-rule language, specification ${SPECIFICATION_VERSION}) line by line.
Reads one JSON object per line from standard input:
  {"expression": <CertLogic expression>, "data": <data context>}
and writes one JSON line per input line:
  {"result": <value>}       date-times as ISO-8601 strings
  {"error": "<why>"}        an invalid expression, a type mismatch, or a line that is not such an object
A rule whose expression gives an error counts as failed at the gate; reading goes on after a bad line.`;

/** One line in, one answer out; never throws. */
export function evaluateLine(line: string): { result: unknown } | { error: string } {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  if (request === null || typeof request !== 'object' || Array.isArray(request) || !('expression' in request)) {
    return { error: 'expected {"expression": ..., "data": ...}' };
  }
  const { expression, data } = request as { expression: unknown; data?: unknown };
  try {
    const result = evaluate(expression, data ?? null);
    return { result: result instanceof Date ? result.toISOString() : result };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, {}, HELP);
    if (!parsed) return 0;
    if (parsed.positionals.length > 0) throw new UsageError(`certlogic reads standard input; unexpected ${parsed.positionals.join(' ')}\n\n${HELP}`);
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      process.stdout.write(`${JSON.stringify(evaluateLine(line), )}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`gate-kiosk certlogic: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
