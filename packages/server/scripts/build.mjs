/**
 * Builds the server that `npm start` and `npm run serve` run: `node packages/server/scripts/build.mjs`.
 *
 * 1. esbuild bundles src/main.ts into dist/ as ES modules. Our code and @statutis/domain (a workspace
 *    package that exports TypeScript sources) are bundled; every other package stays an ordinary
 *    import resolved by Node from node_modules. Code splitting keeps `await import()` lazy, so
 *    main.ts can start opening the database before the HTTP stack loads. Chunks sit beside main.js,
 *    so `import.meta.url` (migrations, web build) points at dist/ from any of them. The PDF font
 *    (dejavu-fonts-ttf) is likewise resolved from node_modules at run time (lib/pdf/document.ts).
 * 2. The migrations are copied to dist/migrations, where the bundled client.ts looks for them.
 * 3. The migrated PGlite template (see db/client.ts) is built when missing or stale; a new
 *    DATA_DIR then starts as a copy of it instead of running initdb. Failing to build it only costs
 *    speed: the server then runs initdb as before.
 */
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(SERVER_DIR, 'dist');

/** Bare imports are left to Node, except workspace packages, which are TypeScript sources. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@statutis/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Bundles `entryPoints` ({ name: source }) into `outdir` with the migrations beside them; removes
 * the outputs of previous builds that this one did not write.
 */
export async function bundleServer(entryPoints, outdir) {
  const result = await build({
    entryPoints,
    outdir,
    absWorkingDir: SERVER_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    chunkNames: '[name]-[hash]',
    sourcemap: true,
    metafile: true,
    plugins: [externalPackages],
    logLevel: 'warning',
  });
  const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(SERVER_DIR, f)));
  for (const entry of readdirSync(outdir, { withFileTypes: true })) {
    const file = path.join(outdir, entry.name);
    if (entry.isFile() && /\.js(\.map)?$/.test(entry.name) && !written.has(file)) rmSync(file);
  }
  const migrations = path.join(outdir, 'migrations');
  rmSync(migrations, { recursive: true, force: true });
  cpSync(path.join(SERVER_DIR, 'src/db/migrations'), migrations, { recursive: true });
}

async function main() {
  const t0 = performance.now();
  // db.js exposes the template builder to this script; main.js is the server.
  await bundleServer({ main: 'src/main.ts', db: 'src/db/client.ts' }, DIST);
  const { ensurePgliteTemplate } = await import(pathToFileURL(path.join(DIST, 'db.js')).href);
  try {
    const { dir, built } = await ensurePgliteTemplate();
    if (built) console.log(`Modèle de base embarquée construit : ${path.relative(process.cwd(), dir)}`);
  } catch (e) {
    console.warn(
      `Modèle de base embarquée non construit (${e instanceof Error ? e.message : e}) : un DATA_DIR neuf passera par initdb, plus lent.`,
    );
  }
  console.log(
    `Serveur construit dans ${path.relative(process.cwd(), DIST)} en ${Math.round(performance.now() - t0)} ms`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
