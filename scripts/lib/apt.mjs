// Installs Debian packages the project needs on a fresh machine (MariaDB, interop peers).
import { cleanEnv, isRoot, run, which } from './proc.mjs';

/**
 * apt-get update + install, streaming progress through log. Resolves with apt-get install's
 * exit code (the caller decides whether what it needed is there); throws when packages
 * cannot be installed at all (no apt-get, not root and no password-less sudo, update failed).
 */
export async function aptInstall(pkgs, log) {
  const manual = `Install them yourself, e.g.: sudo apt-get install -y ${pkgs.join(' ')}  (Debian/Ubuntu)`;
  if (!which('apt-get')) throw new Error(`apt-get is not available to install ${pkgs.join(' ')}. ${manual}`);
  let prefix = [];
  if (!isRoot()) {
    const sudo = which('sudo');
    const ok = sudo && (await run(sudo, ['-n', 'true']).catch(() => ({ code: 1 }))).code === 0;
    if (!ok) throw new Error(`${pkgs.join(' ')} missing and this user cannot install packages (not root, no password-less sudo). ${manual}`);
    prefix = [sudo, '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'];
  }
  const env = cleanEnv({ DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' });
  const exec = (args) => {
    const [cmd, ...rest] = prefix.length ? [...prefix, 'apt-get', ...args] : ['apt-get', ...args];
    return run(cmd === 'apt-get' ? which('apt-get') : cmd, rest, { env, onLine: (l) => log(`  apt | ${l}`) });
  };
  const common = ['-q', '-o', 'Dpkg::Use-Pty=0', '-o', 'DPkg::Lock::Timeout=300'];
  log(`apt-get update (for ${pkgs.join(' ')})…`);
  const upd = await exec([...common, 'update']);
  if (upd.code !== 0) throw new Error(`apt-get update failed (exit ${upd.code}). ${manual}`);
  log(`apt-get install ${pkgs.join(' ')}…`);
  const inst = await exec([...common, '-y', '--no-install-recommends', '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold', 'install', ...pkgs]);
  return inst.code;
}

/** Debian's python3 with zeep, the independent SOAP client of the interop tests. */
export async function ensureInteropPeers(log) {
  const hasZeep = async () => which('python3') !== null && (await run('/usr/bin/python3', ['-c', 'import zeep']).catch(() => ({ code: 1 }))).code === 0;
  if (await hasZeep()) return;
  log('python3-zeep (independent SOAP client for the interop tests) not found: installing…');
  const code = await aptInstall(['python3-zeep'], log);
  if (!(await hasZeep())) throw new Error(`python3-zeep could not be installed (apt-get exit ${code})`);
}
