// Sign-in for district staff: one message for every failure, so the page never tells a real user name from a made-up one.
import { bi, esc, page } from './layout.ts';

export function renderSignInPage(options: { message?: string; next?: string; username?: string } = {}): string {
  const body = `<h1>${bi('登录', 'Sign in')}</h1>
${options.message ? `<p class="errors" role="alert">${esc(options.message)}</p>` : ''}
<form method="post" action="/sign-in"><input type="hidden" name="next" value="${esc(options.next ?? '/')}">
<p><label>${bi('用户名', 'User name')}<br><input name="username" autocomplete="username" required${options.username ? ` value="${esc(options.username)}"` : ' autofocus'}></label></p>
<p><label>${bi('密码', 'Password')}<br><input name="password" type="password" autocomplete="current-password" required${options.username ? ' autofocus' : ''}></label></p>
<p><button>${bi('登录', 'Sign in')}</button></p></form>`;
  return page('Sign in', null, '', body);
}
