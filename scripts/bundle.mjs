// Bundles the CLI and its worker into dist/bundle/, one file each: a pre-commit hook lints one file, and
// resolving some 150 modules at start-up cost more than the lint itself.
import { build } from "esbuild";

await build({
  entryPoints: { cli: "dist/src/cli.js", worker: "dist/src/worker.js", lsp: "dist/src/lsp.js", mcp: "dist/src/mcp.js", learn: "dist/src/learn.js" },
  // The language server is a bundle of its own, which the CLI imports only for --lsp: a lint run never reads it.
  plugins: [
    {
      name: "lsp-apart",
      setup(context) {
        context.onResolve({ filter: /^\.\/lsp\.js$/ }, (args) => (args.importer.endsWith("cli.js") ? { path: "./lsp.js", external: true } : undefined));
      },
    },
  ],
  outdir: "dist/bundle",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // ES modules first: jsonc-parser's CommonJS build is a UMD wrapper whose require() calls esbuild cannot follow.
  mainFields: ["module", "main"],
  // Less source to read at start-up; names are kept, so a --debug stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  // CommonJS dependencies (ajv) call require(); give the ESM bundle one.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
});
