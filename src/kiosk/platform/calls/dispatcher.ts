// One dispatcher for both hosts: rejects unknown methods, authorises the caller, validates input, returns ok/error values.
import { GateError, invalidInput, type Result } from '../../../common/contract/errors.ts';
import { methods, type MethodName, type MethodOutput, type ParsedInput } from '../../../common/contract/methods.ts';
import { corruptionError, diskFullError, isCorruption, isDiskFull } from '../store/at-rest/storage-errors.ts';
import { authorize, type AuthorizePorts } from './authorize.ts';
import { kioskScreen, type Caller } from './caller.ts';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>, caller: Caller) => Promise<MethodOutput<M>> | MethodOutput<M>;
};
/** The handlers one feature contributes; the composition root joins them into the full table. */
export type HandlersFor<K extends MethodName> = Pick<Handlers, K>;

export type Dispatch = (method: string, input: unknown, caller?: Caller) => Promise<Result<unknown>>;

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function createDispatcher(handlers: Partial<Handlers>, ports: AuthorizePorts, log: (message: string, error?: unknown) => void = () => {}): Dispatch {
  return async (method, rawInput, givenCaller = kioskScreen) => {
    if (!isMethod(method) || !handlers[method]) {
      return { ok: false, error: { code: 'unknown-method', message: `There is no method "${method}". Update the kiosk screen or check the method name.`, key: 'unknown-method', params: { method } } };
    }
    const spec = methods[method];
    let caller: Caller;
    try {
      const { user: _ignored, ...given } = givenCaller;
      const user = await authorize(method, spec.access, given, rawInput, ports);
      caller = user ? { ...given, user } : given;
    } catch (error) {
      if (error instanceof GateError) return { ok: false, error: error.toApiError() };
      log(`${method}: checking the caller failed`, error);
      return { ok: false, error: { code: 'internal', message: 'The sign-in could not be checked. Try again; call the manager if it repeats.', key: 'unexpected' } };
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: invalidInput(parsed.error, `Invalid input for ${method}: `) };
    }
    try {
      const handler = handlers[method] as (input: unknown, caller: Caller) => unknown;
      const value = await handler(parsed.data, caller);
      // The output is checked too: a core bug must not reach the screen as a wrong-shaped answer.
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (error instanceof GateError) return { ok: false, error: error.toApiError() };
      // A damaged database surfaces wherever a page is read: one error of its own, whichever call met it.
      if (isCorruption(error)) {
        log(`${method}: the database is damaged`, error);
        const damaged = corruptionError(`${method} met a damaged page (${(error as Error).message})`);
        return { ok: false, error: damaged.toApiError() };
      }
      // A full disk refuses every write the same way (signing on, saving a visitor), not as "failed unexpectedly".
      if (isDiskFull(error)) {
        log(`${method}: the disk is full`, error);
        return { ok: false, error: diskFullError(`${method} was`).toApiError() };
      }
      log(`${method} failed`, error);
      return { ok: false, error: { code: 'internal', message: `${method} failed unexpectedly. Nothing was changed; try again, and call the manager if it repeats.`, key: 'unexpected' } };
    }
  };
}
