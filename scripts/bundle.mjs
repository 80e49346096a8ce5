// Bundles the CLI and its worker into dist/bundle/, one file each: a pre-commit hook lints one file, and
// resolving some 150 modules at start-up cost more than the lint itself.
import { chmodSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

/**
 * Libraries a run seldom needs, bundled apart as CommonJS and required on first use: the check that a config's
 * regular expression cannot backtrack (scslre and refa, half the size of the CLI) runs only when a config holds
 * patterns, and ajv compiles only schemas a config adds (the built-in ones ship compiled). Each entry: the
 * modules skill-lint's own code imports, with the names it imports from them.
 */
const LAZY = {
  "vendor-regex": { scslre: ["analyse"], "@eslint-community/regexpp": ["RegExpParser"] },
  "vendor-ajv": { ajv: ["Ajv"], "ajv/dist/2019.js": ["Ajv2019"], "ajv/dist/2020.js": ["Ajv2020"] },
  // The markdown parser (remark, micromark, GFM): a run whose findings all come from the cache parses nothing.
  "vendor-markdown": { "./markdown-tree.js": ["buildTree"] },
  // YAML: read for frontmatter and YAML configs; a cache hit with a JSON config reads neither.
  "vendor-yaml": { yaml: ["YAMLParseError", "isMap", "isPair", "isScalar", "isSeq", "parse", "parseDocument", "visit"] },
};
/** Properties of a lazy function that callers read off it (`visit.BREAK`), forwarded to the real one. */
const STATICS = { visit: ["BREAK", "SKIP", "REMOVE"] };
const lazyModule = new Map(Object.entries(LAZY).flatMap(([vendor, modules]) => Object.keys(modules).map((module) => [module, vendor])));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

for (const [vendor, modules] of Object.entries(LAZY)) {
  await build({
    stdin: {
      contents: Object.entries(modules).map(([module, names]) => `export { ${names.join(", ")} } from ${JSON.stringify(module)};`).join("\n"),
      // skill-lint's own modules (`./markdown-tree.js`) resolve from the compiled sources.
      resolveDir: Object.keys(modules).some((module) => module.startsWith("./")) ? "dist/src" : ".",
      sourcefile: `${vendor}.js`,
    },
    outfile: `dist/bundle/${vendor}.cjs`,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: "warning",
  });
}

await build({
  entryPoints: { "cli-main": "dist/src/cli.js", worker: "dist/src/worker.js", lsp: "dist/src/lsp.js", mcp: "dist/src/mcp.js", learn: "dist/src/learn.js" },
  plugins: [
    // The language server is a bundle of its own, which the CLI imports only for --lsp: a lint run never reads it.
    {
      name: "lsp-apart",
      setup(context) {
        context.onResolve({ filter: /^\.\/lsp\.js$/ }, (args) => (args.importer.endsWith("cli.js") ? { path: "./lsp.js", external: true } : undefined));
      },
    },
    // skill-lint's own imports of a LAZY module get a stand-in that requires the vendor bundle when first called
    // (libraries that import the same module, such as the MCP SDK's ajv, keep their own copy).
    {
      name: "lazy-vendors",
      setup(context) {
        const filter = new RegExp(`^(?:${[...lazyModule.keys()].map(escape).join("|")})$`);
        context.onResolve({ filter }, (args) => (/\/dist\/(?:src|rules)\//.test(args.importer) ? { path: args.path, namespace: "lazy" } : undefined));
        context.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => {
          const vendor = lazyModule.get(args.path);
          const names = LAZY[vendor][args.path];
          return {
            contents:
              `import { createRequire } from "node:module";\n` +
              `let loaded;\nconst load = () => (loaded ??= createRequire(import.meta.url)("./${vendor}.cjs"));\n` +
              // A function that returns what the real one makes: `new Ajv(options)` and `analyse(literal)` alike.
              names
                .map((name) =>
                  `export function ${name}(...args) { const real = load().${name}; return new.target ? new real(...args) : Reflect.apply(real, this, args); }` +
                  (STATICS[name] ?? []).map((key) => `\nObject.defineProperty(${name}, ${JSON.stringify(key)}, { get: () => load().${name}.${key} });`).join(""),
                )
                .join("\n"),
            loader: "js",
          };
        });
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

// The command itself: on Node 22.1 and later it turns on V8's on-disk code cache (in the system's temporary
// folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off) before the CLI loads, so a run does not compile the bundle
// anew each time. Node 20 has no such cache and loads the CLI as it is.
writeFileSync(
  "dist/bundle/cli.js",
  '#!/usr/bin/env node\nimport module from "node:module";\nmodule.enableCompileCache?.();\nawait import("./cli-main.js");\n',
);
chmodSync("dist/bundle/cli.js", 0o755);
