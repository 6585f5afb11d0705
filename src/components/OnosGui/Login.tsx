/**
 * The GUI's login page (ONOS serves /onos/ui/login.html first). ONOS keeps Karaf's default
 * accounts: onos/rocks and karaf/karaf. A wrong pair brings the form back empty with a short
 * error under it, as the real page does (its wording is its own; this is ours).
 */
import React, { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import styles from './styles.module.css';

/** users.properties of an ONOS install (reference/onos.md §6). */
const ACCOUNTS: Readonly<Record<string, string>> = { onos: 'rocks', karaf: 'karaf' };

export function checkLogin(user: string, password: string): boolean {
  return Object.prototype.hasOwnProperty.call(ACCOUNTS, user) && ACCOUNTS[user] === password;
}

export default function Login({ version, onLogin }: { version: string; onLogin(user: string): void }): ReactNode {
  const id = useId();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [failures, setFailures] = useState(0);
  const userRef = useRef<HTMLInputElement>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (checkLogin(user.trim(), password)) {
      onLogin(user.trim());
      return;
    }
    setFailures((n) => n + 1);
    setUser('');
    setPassword('');
    userRef.current?.focus();
  };

  return (
    <div className={styles.login}>
      <h2 className={styles.loginTitle}>ONOS {version ? <span className={styles.muted}>{version}</span> : null}</h2>
      <p className={styles.address}>http://127.0.0.1:8181/onos/ui/login.html</p>
      <form className={styles.loginForm} onSubmit={submit} aria-label="Log in to ONOS">
        <label htmlFor={`${id}-user`}>User</label>
        <input
          id={`${id}-user`}
          ref={userRef}
          type="text"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          value={user}
          onChange={(e) => setUser(e.target.value)}
          aria-describedby={failures > 0 ? `${id}-error` : `${id}-hint`}
          aria-invalid={failures > 0 || undefined}
        />
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={failures > 0 || undefined}
        />
        <button type="submit" className="button button--primary button--sm">
          Log in
        </button>
      </form>
      {/* A new element per failure, so a screen reader hears every one. */}
      <p key={failures} id={`${id}-error`} className={styles.loginError} role={failures > 0 ? 'alert' : undefined}>
        {failures > 0 ? 'Login failed: that user name and password do not match an ONOS account. Try again.' : ''}
      </p>
      <p id={`${id}-hint`} className={styles.muted}>
        This lab&apos;s ONOS keeps its default accounts: user <code>onos</code> with password <code>rocks</code> (or <code>karaf</code>/<code>karaf</code>).
      </p>
    </div>
  );
}
