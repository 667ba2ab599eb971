#!/usr/bin/env node
/**
 * `npm start`: prepares the corpora (scripts/prepare-data.mjs, skipped when current), then starts
 * the Vite dev server through Vite's JS API and prints where the book is running.
 *
 * Usage: npm start [-- --port 5173] [-- --host] [-- --open]
 *   --port N   port to try first (default 5173, from vite.config.ts; the next free one is used
 *              when it is taken)
 *   --host     listen on all addresses (to open the book from another device on the network)
 *   --open     open the book in the default browser
 * Environment: BASE_PATH=/sub/ serves the book under a sub-path.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Parses the command line.
 *
 * @param {string[]} argv arguments after the script name.
 * @returns {{ port?: number; host?: boolean; open?: boolean }}
 * @throws {Error} on an unknown option or a bad port.
 */
function parseArgs(argv) {
  /** @type {{ port?: number; host?: boolean; open?: boolean }} */
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--host') options.host = true;
    else if (arg === '--open') options.open = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg.includes('=') ? arg.slice('--port='.length) : argv[++i];
      const port = Number(value);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new Error(`--port needs a port number between 1 and 65535 (got "${value ?? ''}").`);
      }
      options.port = port;
    } else {
      throw new Error(`Unknown option "${arg}". Options: --port N, --host, --open.`);
    }
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));

  console.log('Preparing data...');
  const prepared = spawnSync(process.execPath, [join(root, 'scripts', 'prepare-data.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (prepared.status !== 0) {
    throw new Error('scripts/prepare-data.mjs failed (see above); the book needs its data.');
  }

  console.log('Starting the Vite dev server...');
  const { createServer } = await import('vite');
  const server = await createServer({
    root,
    server: {
      ...(options.port ? { port: options.port } : {}),
      ...(options.host ? { host: true } : {}),
      ...(options.open ? { open: true } : {}),
    },
  });
  await server.listen();
  const urls = server.resolvedUrls ?? { local: [], network: [] };
  const local = urls.local[0];
  if (!local) throw new Error('The dev server started but reported no local URL.');
  console.log(`\n  NLP, Live is running at ${local}\n`);
  for (const url of urls.network) console.log(`  On your network:       ${url}`);
  console.log('  Press Ctrl+C to stop (h + Enter shows more commands).\n');
  server.bindCLIShortcuts({ print: false });

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
