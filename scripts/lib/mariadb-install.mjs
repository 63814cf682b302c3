// Installing the MariaDB binaries (Debian packages) when they are missing. Plain Node ESM, built-ins only.

import { aptInstall } from './apt.mjs';
import { findTools } from './mariadb-instance.mjs';

async function installPackages(log) {
  const pkgs = ['mariadb-server', 'mariadb-client'];
  const manual = `Install it yourself, e.g.: sudo apt-get install -y ${pkgs.join(' ')}  (Debian/Ubuntu)`;
  log('MariaDB not found: installing Debian packages…');
  const code = await aptInstall(pkgs, log);
  const tools = findTools();
  const missing = Object.entries(tools)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length) {
    throw new Error(`apt-get install ${pkgs.join(' ')} exited with ${code} and binaries are still missing (${missing.join(', ')}). ${manual}`);
  }
  if (code !== 0) {
    // Typical in containers: mariadb-server's postinst tries to start the *system* service and
    // fails. We never use that service, only the binaries, so this is harmless.
    log(`apt-get exited with ${code} (most likely the system service could not be started by the package's postinst); the binaries are installed, continuing.`);
  }
  log('MariaDB packages installed.');
  return tools;
}

export async function ensureTools(log) {
  let tools = findTools();
  if (!tools.server || !tools.client || !tools.admin || !tools.installDb) tools = await installPackages(log);
  return tools;
}
