import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { demoLogin, logout, onSignedOut, probeSession, type Result, type User } from '../api/client';
import { forgetPeople } from '../people/use-people';
import { requestFocus } from '../router';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: User; mode: 'demo' | 'oidc' | 'bearer' };

interface AuthContextValue {
  state: AuthState;
  signInAsDemoUser(username: string): Promise<Result<unknown>>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * Who is signed in. On start the API's cookie session is asked for; without one the user signs in. A bearer token
 * (when the browser did not keep the cookie) lives only in memory, so a reload signs the user out.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });
  useEffect(() => {
    let current = true;
    probeSession().then((session) => {
      if (!current) return;
      setState(
        session
          ? { status: 'signed-in', user: session.user, mode: session.mode }
          : { status: 'signed-out', expired: false },
      );
    });
    onSignedOut(() => setState({ status: 'signed-out', expired: true }));
    return () => {
      current = false;
      onSignedOut(null);
    };
  }, []);
  const value = useMemo<AuthContextValue>(
    () => ({
      state,
      async signInAsDemoUser(username: string) {
        const result = await demoLogin(username);
        if (result.ok) {
          requestFocus();
          setState({ status: 'signed-in', user: result.data.user, mode: result.data.mode });
        }
        return result;
      },
      async signOut() {
        await logout();
        forgetPeople();
        setState({ status: 'signed-out', expired: false });
      },
    }),
    [state],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for screens shown to signed-in users. */
export function useUser(): User {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useUser without a signed-in user');
  return state.user;
}
