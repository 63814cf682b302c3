// Installs Debian packages the project needs on a fresh machine (MariaDB, interop peers).
import fs from 'node:fs';
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
  const inst = await exec([
    ...common,
    '-y',
    '--no-install-recommends',
    '-o',
    'Dpkg::Options::=--force-confdef',
    '-o',
    'Dpkg::Options::=--force-confold',
    'install',
    ...pkgs,
  ]);
  return inst.code;
}

/** Where Debian's libbcprov-java puts BouncyCastle (the Java peer of the SM2 interop test). */
export const BCPROV_JAR = '/usr/share/java/bcprov.jar';

/**
 * The independent peers of the interop tests, installed from Debian in one apt run when missing:
 * python3-zeep (SOAP client), openssl (SM2/SM3/SM4 CLI), a JDK (javac compiles the tiny
 * BouncyCastle check at test time) and libbcprov-java.
 */
export async function ensureInteropPeers(log) {
  const hasZeep = async () => which('python3') !== null && (await run('/usr/bin/python3', ['-c', 'import zeep']).catch(() => ({ code: 1 }))).code === 0;
  const peers = [
    { pkg: 'python3-zeep', what: 'independent SOAP client', present: hasZeep },
    { pkg: 'openssl', what: 'OpenSSL CLI for the SM2 interop test', present: async () => which('openssl') !== null },
    {
      pkg: 'default-jdk-headless',
      what: 'javac for the BouncyCastle SM2 interop test',
      present: async () => which('javac') !== null && which('java') !== null,
    },
    { pkg: 'libbcprov-java', what: 'BouncyCastle for the SM2 interop test', present: async () => fs.existsSync(BCPROV_JAR) },
  ];
  const missing = [];
  for (const p of peers) if (!(await p.present())) missing.push(p);
  if (missing.length === 0) return;
  for (const p of missing) log(`${p.pkg} (${p.what}) not found`);
  const code = await aptInstall(
    missing.map((p) => p.pkg),
    log,
  );
  for (const p of missing) if (!(await p.present())) throw new Error(`${p.pkg} could not be installed (apt-get exit ${code})`);
}

/** gcc and the libcrypto headers, for the native OpenSSL baseline of the crypto benchmark. */
export async function ensureNativeBuildTools(log) {
  const present = () => which('gcc') !== null && fs.existsSync('/usr/include/openssl/evp.h') && which('openssl') !== null;
  if (present()) return;
  log('gcc / libssl-dev (native OpenSSL baseline of the crypto bench) not found: installing…');
  const code = await aptInstall(['gcc', 'libc6-dev', 'libssl-dev', 'openssl'], log);
  if (!present()) throw new Error(`gcc/libssl-dev could not be installed (apt-get exit ${code})`);
}

/**
 * What the browser journeys need, from Debian in one apt run when missing: the chromium package
 * (playwright-core drives its executable; playwright's own browser download does not work offline)
 * and fonts-noto-cjk so that Chinese text renders in screenshots.
 */
export async function ensureBrowser(log) {
  const hasChromium = () => which('chromium') !== null || which('chromium-browser') !== null;
  const hasCjkFonts = () => fs.existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
  const missing = [];
  if (!hasChromium()) missing.push('chromium');
  if (!hasCjkFonts()) missing.push('fonts-noto-cjk');
  if (missing.length === 0) return;
  log(`${missing.join(' and ')} not found (browser tests of the consoles)`);
  const code = await aptInstall(missing, log);
  if (!hasChromium() || !hasCjkFonts()) throw new Error(`${missing.join(' ')} could not be installed (apt-get exit ${code})`);
}
