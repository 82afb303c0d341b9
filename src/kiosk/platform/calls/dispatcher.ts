// One dispatcher for both hosts: validates input, rejects unknown methods, returns ok/error values.
import { z } from 'zod';
import { GateError, type Result } from '../../../common/contract/errors.ts';
import { methods, type MethodName, type MethodOutput, type ParsedInput } from '../../../common/contract/methods.ts';
import { checkAccess, type CallerUser } from './authorize.ts';

/** Who is calling: the kiosk's own screen, or a browser elsewhere (which must sign in). */
export interface Caller {
  via: 'ipc' | 'http-loopback' | 'http-lan';
  sessionToken?: string;
  /** Over HTTP: whether the request came from this PC (127.0.0.1 / ::1) or from elsewhere on the network. */
  peer?: 'loopback' | 'remote';
  /** Filled by the dispatcher from sessionToken: the signed-in account, when there is one. */
  user?: CallerUser;
}

export const kioskScreen: Caller = { via: 'ipc' };

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>, caller: Caller) => Promise<MethodOutput<M>> | MethodOutput<M>;
};
/** The handlers one capability contributes; the core joins them into the full table. */
export type HandlersFor<K extends MethodName> = Pick<Handlers, K>;

export type Dispatch = (method: string, input: unknown, caller?: Caller) => Promise<Result<unknown>>;

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** Turns zod's issues into one sentence naming the field, so a 400 says what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export interface DispatchOptions {
  /** Turns a session token into its account; without it nobody is signed in (manager methods are refused). */
  resolveSession?: (token: string) => CallerUser | null;
}

export function createDispatcher(handlers: Partial<Handlers>, log: (message: string, error?: unknown) => void = () => {}, options: DispatchOptions = {}): Dispatch {
  return async (method, rawInput, givenCaller = kioskScreen) => {
    if (!isMethod(method) || !handlers[method]) {
      return { ok: false, error: { code: 'unknown-method', message: `There is no method "${method}". Update the kiosk screen or check the method name.` } };
    }
    const spec = methods[method];
    let caller: Caller;
    try {
      const user = givenCaller.sessionToken && options.resolveSession ? options.resolveSession(givenCaller.sessionToken) : null;
      checkAccess(method, givenCaller, user);
      caller = { ...givenCaller, ...(user ? { user } : {}) };
    } catch (error) {
      if (error instanceof GateError) return { ok: false, error: { code: error.code, message: error.message } };
      log(`${method}: checking the caller's session failed`, error);
      return { ok: false, error: { code: 'internal', message: 'The sign-in could not be checked. Try again; call the manager if it repeats.' } };
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'bad-input', message: `Invalid input for ${method}: ${describeIssues(parsed.error)}` } };
    }
    try {
      const handler = handlers[method] as (input: unknown, caller: Caller) => unknown;
      const value = await handler(parsed.data, caller);
      // The output is checked too: a core bug must not reach the screen as a wrong-shaped answer.
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (error instanceof GateError) return { ok: false, error: { code: error.code, message: error.message } };
      log(`${method} failed`, error);
      return { ok: false, error: { code: 'internal', message: `${method} failed unexpectedly. Nothing was changed; try again, and call the manager if it repeats.` } };
    }
  };
}
