// One dispatcher for both hosts: validates input, rejects unknown methods, returns ok/error values.
import { z } from 'zod';
import { GateError, type Result } from '../contract/errors.ts';
import { methods, type MethodName, type MethodOutput, type ParsedInput } from '../contract/methods.ts';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** Turns zod's issues into one sentence naming the field, so a 400 says what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function createDispatcher(handlers: Handlers, log: (message: string, error?: unknown) => void = () => {}): Dispatch {
  return async (method, rawInput) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'unknown-method', message: `There is no method "${method}". Update the kiosk screen or check the method name.` } };
    }
    const spec = methods[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'bad-input', message: `Invalid input for ${method}: ${describeIssues(parsed.error)}` } };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      // The output is checked too: a core bug must not reach the screen as a wrong-shaped answer.
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (error instanceof GateError) return { ok: false, error: { code: error.code, message: error.message } };
      log(`${method} failed`, error);
      return { ok: false, error: { code: 'internal', message: `${method} failed unexpectedly. Nothing was changed; try again, and call the manager if it repeats.` } };
    }
  };
}
