// `gate-kiosk accounts`: the machine owner's recovery, on the kiosk PC itself. It works on the data folder directly
// (so only someone who can read that folder can use it, never anyone on the network), with the kiosk running or not,
// and every change is in the audit log with the operating-system user who made it.
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createAccounts } from '../kiosk/features/accounts/accounts.ts';
import { defaultDataDir } from '../kiosk/app/paths.ts';
import { openStore } from '../kiosk/platform/store/open-store.ts';
import { GateError } from '../common/contract/errors.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk accounts list | unlock USER | reset-password USER [--data DIR]

The machine owner's way back in, on the kiosk PC itself (it opens the data folder directly; nothing on the network
can do this). Each change is audited with your operating-system user name.
  list                  every account, its role, and the wrong sign-in attempts with its name in the last hour
  unlock USER           end every wait after wrong attempts for USER (the running kiosk honours it at once)
  reset-password USER   set a new password for USER (asked twice on a terminal, or the first line of stdin) and
                        end all of USER's sessions
  --data DIR            data folder (default ./data)`;

function readSecret(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Nothing typed is echoed: the prompt is written once, the keys are not.
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => {
      if (text.includes(prompt)) process.stdout.write(prompt);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function readFirstLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function newPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readFirstLine();
  const first = await readSecret('New password (at least 8 characters): ');
  const again = await readSecret('The same password again: ');
  if (first !== again) throw new UsageError('The two passwords differ. Nothing was changed; run the command again.');
  return first;
}

export async function run(args: string[]): Promise<number> {
  let db: ReturnType<typeof openStore> | null = null;
  try {
    const parsed = parseCommandArgs(args, { data: { type: 'string' } }, HELP);
    if (!parsed) return 0;
    const [action, username, ...rest] = parsed.positionals;
    if (!action || !['list', 'unlock', 'reset-password'].includes(action) || (action !== 'list' && !username) || rest.length > 0) throw new UsageError(HELP);
    db = openStore(path.resolve(parsed.values.data ?? defaultDataDir));
    const accounts = createAccounts({ db });
    const actor = { name: `machine-owner:${os.userInfo().username}`, role: null };
    if (action === 'list') {
      const failures = new Map(
        db.prepare<[number], { name: string; n: number }>("SELECT lower(subject) AS name, count(*) AS n FROM audit_log WHERE action = 'sign-in-failed' AND at_ms >= ? GROUP BY lower(subject)").all(Date.now() - 3600_000).map((r) => [r.name, r.n]),
      );
      for (const u of accounts.listUsers()) {
        const wrong = failures.get(u.username.toLowerCase());
        console.log(`${u.username.padEnd(20)} ${u.role.padEnd(9)} ${u.disabled ? 'switched off ' : ''}${wrong ? `${wrong} wrong attempts in the last hour` : ''}`.trimEnd());
      }
      return 0;
    }
    const user = accounts.findByName(username!);
    if (!user) throw new UsageError(`There is no account "${username}". See them with \`gate-kiosk accounts list\`.`);
    if (action === 'unlock') {
      accounts.unlock(user.id, actor, 'cli');
      console.log(`${user.username}: every wait after wrong attempts has ended. (Recorded in the audit log.)`);
      return 0;
    }
    const password = await newPassword();
    await accounts.resetPassword(user.username, password, actor, 'cli');
    console.log(`${user.username}: the new password is set and every session of this account has ended. (Recorded in the audit log.)`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof GateError) {
      console.error(`gate-kiosk accounts: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    db?.close();
  }
}
