// Who is signed in on this screen. The token lives in sessionStorage (gone when the tab or kiosk window closes) and
// rides on every call through the bridge.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MethodOutput } from '../../src/common/contract/index.ts';
import { useBridge, useCall } from './bridge-context.tsx';

export type SignedInUser = NonNullable<MethodOutput<'accounts.me'>['user']>;

interface Session {
  ready: boolean;
  user: SignedInUser | null;
  signInRequired: boolean;
  signIn(username: string, secret: string): Promise<SignedInUser>;
  signOut(): Promise<void>;
  /** A call said the session ended: forget it so the sign-in shows. */
  expired(): void;
}

const SessionContext = createContext<Session | null>(null);
const KEY = 'gate-session';

export function SessionProvider({ children }: { children: ReactNode }) {
  const bridge = useBridge();
  const call = useCall();
  const [ready, setReady] = useState(false);
  const [user, setUser] = useState<SignedInUser | null>(null);
  const [signInRequired, setSignInRequired] = useState(false);
  // Restored while rendering, not in an effect: children's effects run before ours and must already carry the token.
  useState(() => bridge.setSessionToken(sessionStorage.getItem(KEY)));

  useEffect(() => {
    call('accounts.me', {})
      .then((me) => {
        setUser(me.user);
        setSignInRequired(me.signInRequired);
        if (!me.user) {
          sessionStorage.removeItem(KEY);
          bridge.setSessionToken(null);
        }
      })
      .catch(() => {})
      .finally(() => setReady(true));
  }, [bridge, call]);

  const signIn = useCallback(
    async (username: string, secret: string) => {
      // The console and the network take a password; a PIN only signs a volunteer on at the gate.
      const session = await call('accounts.signIn', { username, password: secret });
      sessionStorage.setItem(KEY, session.token);
      bridge.setSessionToken(session.token);
      setUser(session.user);
      return session.user;
    },
    [bridge, call],
  );
  const forget = useCallback(() => {
    sessionStorage.removeItem(KEY);
    bridge.setSessionToken(null);
    setUser(null);
  }, [bridge]);
  const signOut = useCallback(async () => {
    await call('accounts.signOut', {}).catch(() => {});
    forget();
  }, [call, forget]);

  const value = useMemo(() => ({ ready, user, signInRequired, signIn, signOut, expired: forget }), [ready, user, signInRequired, signIn, signOut, forget]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('SessionProvider is missing');
  return session;
}
