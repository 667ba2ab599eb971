/**
 * Finds a Chrome or Chromium executable for the end-to-end tests and the benchmarks, and
 * installs Debian's chromium with apt-get when none is found on Debian or Ubuntu.
 *
 * Order: `CHROME_PATH`, then the usual install locations (Debian's `/usr/lib/chromium/chromium`
 * first: the `/usr/bin/chromium` wrapper script prints noise on every start), then `PATH`.
 * Playwright's own browser download is not used (it does not work on the build machines; see
 * ../../../../shared/TFJS_NOTES.md).
 *
 * Run directly (`node tests/e2e/lib/chrome.mjs`) to print the path it finds.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Install locations tried after CHROME_PATH, most preferred first. */
export const CHROME_CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Executable names looked up on PATH when no candidate exists. */
const PATH_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'chrome',
];

/**
 * @param {string} file
 * @returns {boolean} true when `file` is an executable regular file.
 */
function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Looks for an installed Chrome or Chromium, without installing anything.
 *
 * @param {NodeJS.ProcessEnv} [env] environment to read CHROME_PATH and PATH from.
 * @returns {string | null} the executable's absolute path, or null when none is found.
 * @throws {Error} when CHROME_PATH is set but is not an executable file (a typo should not
 *   silently fall back to another browser).
 */
export function findInstalledChrome(env = process.env) {
  const forced = env.CHROME_PATH;
  if (forced) {
    if (!isExecutable(forced)) {
      throw new Error(
        `CHROME_PATH is set to "${forced}", which is not an executable file. ` +
          'Point it at a Chrome or Chromium binary, or unset it to search the usual places.',
      );
    }
    return forced;
  }
  for (const candidate of CHROME_CANDIDATES) {
    if (isExecutable(candidate)) return candidate;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of PATH_NAMES) {
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}

/**
 * Reads /etc/os-release.
 *
 * @returns {{ id: string; idLike: string[]; prettyName: string } | null} null when the file
 *   does not exist (macOS, Windows, unusual Linux).
 */
export function readOsRelease() {
  if (!existsSync('/etc/os-release')) return null;
  /** @type {Record<string, string>} */
  const fields = {};
  for (const line of readFileSync('/etc/os-release', 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) fields[m[1]] = m[2].replace(/^["']|["']$/g, '');
  }
  return {
    id: fields.ID ?? '',
    idLike: (fields.ID_LIKE ?? '').split(/\s+/).filter(Boolean),
    prettyName: fields.PRETTY_NAME ?? fields.ID ?? 'Linux',
  };
}

/**
 * The command a person should run to get a browser on this system.
 *
 * @returns {string}
 */
export function installHint() {
  if (process.platform === 'darwin') {
    return 'brew install --cask chromium   (or set CHROME_PATH=/path/to/chrome)';
  }
  if (process.platform === 'win32') {
    return 'set CHROME_PATH=C:\\path\\to\\chrome.exe';
  }
  const os = readOsRelease();
  if (os && [os.id, ...os.idLike].some((id) => id === 'debian' || id === 'ubuntu')) {
    return 'sudo apt-get update && sudo apt-get install -y chromium   (or set CHROME_PATH=/path/to/chrome)';
  }
  if (os && [os.id, ...os.idLike].some((id) => id === 'fedora' || id === 'rhel')) {
    return 'sudo dnf install chromium   (or set CHROME_PATH=/path/to/chrome)';
  }
  return 'install Chrome or Chromium, then set CHROME_PATH=/path/to/chrome';
}

/**
 * How to run apt-get with root rights here: directly as root, through passwordless sudo, or not
 * at all.
 *
 * @returns {string[] | null} the command prefix (`[]` for root, `['sudo', '-n']`), or null.
 */
function rootPrefix() {
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  const probe = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return probe.status === 0 ? ['sudo', '-n'] : null;
}

/**
 * Runs a command with inherited stdio.
 *
 * @param {string[]} argv
 * @returns {boolean} true when it exited with status 0.
 */
function run(argv) {
  const [cmd, ...args] = argv;
  const result = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/**
 * Finds Chrome or Chromium; when none is installed on Debian or Ubuntu, installs Debian's
 * `chromium` package with apt-get (as root, or with `sudo -n`), saying so first.
 *
 * @param {{ install?: boolean; log?: (line: string) => void }} [options] `install` (default
 *   true) allows the apt-get install; `log` receives progress lines (default console.log).
 * @returns {string} the executable's absolute path.
 * @throws {Error} with the exact command to run when no browser is found and none could be
 *   installed.
 */
export function findChrome({ install = true, log = console.log } = {}) {
  const found = findInstalledChrome();
  if (found) return found;
  const os = readOsRelease();
  const debianLike = os && [os.id, ...os.idLike].some((id) => id === 'debian' || id === 'ubuntu');
  if (!install || process.platform !== 'linux' || !debianLike) {
    throw new Error(`No Chrome or Chromium found. To install one, run:\n  ${installHint()}`);
  }
  const prefix = rootPrefix();
  if (!prefix) {
    throw new Error(
      'No Chrome or Chromium found, and apt-get needs root (not root, and sudo -n is not ' +
        `available). Run:\n  ${installHint()}`,
    );
  }
  log(
    "No Chrome or Chromium found; installing Debian's chromium with apt-get (about 1-2 minutes)...",
  );
  const ok =
    run([...prefix, 'apt-get', 'update']) &&
    run([...prefix, 'apt-get', 'install', '-y', 'chromium']);
  const after = findInstalledChrome();
  if (!ok || !after) {
    throw new Error(
      `Installing chromium with apt-get failed (see the output above). Run:\n  ${installHint()}`,
    );
  }
  log(`Installed chromium: ${after}`);
  return after;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(findChrome());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

/**
 * Chromium flags. WebGL2 works headless on SwiftShader with `--use-gl=angle
 * --use-angle=swiftshader --enable-unsafe-swiftshader`. Never add `--disable-gpu` or
 * `--disable-software-rasterizer` (they kill WebGL); `--use-gl=swiftshader` / `--use-gl=egl` make
 * tfjs refuse WebGL.
 */
export const CHROME_ARGS = [
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
