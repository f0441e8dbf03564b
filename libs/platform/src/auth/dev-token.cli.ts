/**
 * Prints a dev token for a seeded user, for curl and the local scripts:
 *   npm run --silent dev-token -- operator-disdukcapil
 * Without a user name it prints one `name<TAB>token` line per seeded user. The secret is
 * AUTH_DEV_SIGNING_SECRET, or the documented default that `npm start` gives the services when it is
 * unset; dev mode and that default are refused when NODE_ENV=production.
 */
import { DEFAULT_DEV_SIGNING_SECRET } from './auth.config';
import { DEV_USERS, type DevUserName, issueDevToken } from './dev-issuer';

async function main(args: string[]): Promise<void> {
  if (process.env.NODE_ENV === 'production') throw new Error('dev tokens are not issued when NODE_ENV=production');
  const secret = process.env.AUTH_DEV_SIGNING_SECRET || DEFAULT_DEV_SIGNING_SECRET;
  const names = args.length > 0 ? args : Object.keys(DEV_USERS);
  for (const name of names) {
    if (!(name in DEV_USERS)) throw new Error(`unknown dev user ${name}; one of ${Object.keys(DEV_USERS).join(', ')}`);
    const token = await issueDevToken(DEV_USERS[name as DevUserName], secret, new Date());
    process.stdout.write(args.length === 1 ? `${token}\n` : `${name}\t${token}\n`);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
