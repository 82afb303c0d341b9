// Accounts: create volunteers (PIN) and, for admins, managers; unlock locked accounts; new PIN or password; switch off.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Role, UserView } from '../../../src/common/contract/index.ts';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import { useConsoleCall } from './use-console-call.ts';

export function AccountsPage({ admin }: { admin: boolean }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useConsoleCall();
  const [users, setUsers] = useState<UserView[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'volunteer' as Role, secret: '' });
  const reload = useCallback(() => void call('accounts.list', {}).then((r) => setUsers(r.users), (e: unknown) => setMessage(errorText(e))), [call]);
  useEffect(reload, [reload]);

  async function act(run: () => Promise<unknown>) {
    try {
      await run();
      setMessage(null);
      reload();
    } catch (e) {
      setMessage(errorText(e));
    }
  }

  function create(event: FormEvent) {
    event.preventDefault();
    const secret = form.role === 'volunteer' && /^\d{4,8}$/.test(form.secret) ? { pin: form.secret } : { password: form.secret };
    void act(async () => {
      await call('accounts.create', { username: form.username, displayName: form.displayName, role: form.role, ...secret });
      setForm({ username: '', displayName: '', role: 'volunteer', secret: '' });
    });
  }

  function newSecret(user: UserView) {
    const secret = window.prompt(user.role === 'volunteer' ? t('setPin') : t('setPassword'));
    if (!secret) return;
    void act(() => call('accounts.update', { id: user.id, ...(user.role === 'volunteer' && /^\d{4,8}$/.test(secret) ? { pin: secret } : { password: secret }) }));
  }

  return (
    <main className="accounts-page">
      <h2>{t('accountsTitle')}</h2>
      {message && <p className="form-error" role="alert">{message}</p>}
      <table className="plain-table">
        <thead>
          <tr>
            <th>{t('username')}</th>
            <th>{t('displayName')}</th>
            <th>{t('role')}</th>
            <th>{t('lastSignIn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-username={u.username}>
              <td translate="no">{u.username}</td>
              <td translate="no">{u.displayName}</td>
              <td>
                {t(`role_${u.role}`)} {u.locked && <strong className="tag alert">{t('locked')}</strong>} {u.disabled && <span className="tag">{t('disabled')}</span>}
              </td>
              <td>{u.lastSignInAt ? new Date(u.lastSignInAt).toLocaleString('zh-CN', { hour12: false }) : '—'}</td>
              <td className="actions">
                {u.locked && <button type="button" className="primary" onClick={() => void act(() => call('accounts.unlock', { id: u.id }))}>{t('unlock')}</button>}
                {(admin || u.role === 'volunteer') && (
                  <>
                    <button type="button" className="secondary" onClick={() => newSecret(u)}>{u.role === 'volunteer' ? t('setPin') : t('setPassword')}</button>
                    <button type="button" className="secondary" onClick={() => void act(() => call('accounts.update', { id: u.id, disabled: !u.disabled }))}>{u.disabled ? t('enable') : t('disable')}</button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={create}>
        <h3>{t('newAccount')}</h3>
        <input aria-label={t('username')} placeholder={t('username')} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required />
        <input aria-label={t('displayName')} placeholder={t('displayName')} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} required />
        <select aria-label={t('role')} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
          <option value="volunteer">{t('role_volunteer')}</option>
          {admin && <option value="manager">{t('role_manager')}</option>}
          {admin && <option value="admin">{t('role_admin')}</option>}
        </select>
        <input type="password" aria-label={form.role === 'volunteer' ? t('pin') : t('password')} placeholder={form.role === 'volunteer' ? t('pin') : t('passwordHint')} value={form.secret} onChange={(e) => setForm({ ...form, secret: e.target.value })} required />
        <button type="submit" className="primary">{t('create')}</button>
      </form>
    </main>
  );
}
