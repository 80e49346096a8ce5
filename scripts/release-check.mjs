#!/usr/bin/env node
// `npm run release:check`: what a release of the package in the current folder needs, checked before it is
// tagged and packed. Prints one line per check; exits 1 when one fails (a warning does not), 2 when the folder
// holds no package.json.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();

/** semver.org's grammar: MAJOR.MINOR.PATCH, then a pre-release (`-rc.1`) and build metadata (`+build.5`), each optional. */
const SEMVER = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[\da-z-]+(?:\.[\da-z-]+)*)?(?:\+[\da-z-]+(?:\.[\da-z-]+)*)?$/i;
/** Words a license's text opens with, by SPDX id, for the licenses a package.json is likely to name. */
const LICENSE_TEXTS = {
  MIT: "MIT License",
  ISC: "ISC License",
  "Apache-2.0": "Apache License",
  "BSD-2-Clause": "BSD 2-Clause License",
  "BSD-3-Clause": "BSD 3-Clause License",
};
/** Folders of the repository that are for its development, never for the package's users. */
const NOT_SHIPPED = ["test/", "fixtures/", "bench/", "conformance/", "coverage/", "scripts/", "src/", "rules/", "node_modules/"];

const failures = [];
const lines = [];
const pass = (text) => lines.push(`✔ ${text}`);
const fail = (text) => {
  failures.push(text);
  lines.push(`✖ ${text}`);
};
const warn = (text) => lines.push(`! ${text}`);

function readPackage() {
  try {
    return JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  } catch (error) {
    process.stderr.write(`release-check: cannot read ${path.join(root, "package.json")} (${error.code ?? error.message})\n`);
    process.exit(2);
  }
}

function git(args) {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

function checkTag(version) {
  const tag = `v${version}`;
  const tagged = git(["rev-parse", "-q", "--verify", `refs/tags/${tag}^{commit}`]);
  const head = git(["rev-parse", "HEAD"]);
  const atHead = (git(["tag", "--points-at", "HEAD"]) ?? "").split("\n").filter((name) => /^v\d/.test(name));
  const others = atHead.filter((name) => name !== tag);
  if (others.length) fail(`HEAD is tagged ${others.join(", ")}, but package.json's version is ${version}: make them agree`);
  else if (!tagged) warn(`no tag ${tag} yet: tag the release commit with \`git tag ${tag}\``);
  else if (tagged !== head) fail(`tag ${tag} is on commit ${tagged.slice(0, 12)}, not on HEAD: tag the release commit`);
  else pass(`tag ${tag} is on HEAD`);
}

function checkLicense(license) {
  const file = readdirSync(root).find((name) => /^licen[cs]e(?:\.md|\.txt)?$/i.test(name));
  if (!file) return fail(`no LICENSE file; package.json names the license ${license ?? "(none)"}`);
  if (!license) return fail('package.json has no "license"; name the license LICENSE holds');
  const opening = LICENSE_TEXTS[license];
  if (!opening) return warn(`cannot tell whether ${file} holds the ${license} license; check it by hand`);
  if (readFileSync(path.join(root, file), "utf8").trimStart().startsWith(opening)) pass(`${file} holds the ${license} license package.json names`);
  else fail(`${file} does not open with "${opening}", though package.json's license is ${license}`);
}

/** The paths `npm pack` would put in the tarball, without running the package's scripts. */
function packedFiles() {
  const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return new Set(JSON.parse(output)[0].files.map((file) => file.path));
}

/** Every file the package points at: its bin, main, types and exports targets. */
function entryPoints(pkg) {
  const targets = [];
  const collect = (value) => {
    if (typeof value === "string") targets.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(typeof pkg.bin === "string" ? [pkg.bin] : pkg.bin);
  collect([pkg.main, pkg.types, pkg.exports]);
  return [...new Set(targets.map((target) => path.posix.normalize(target)))];
}

function checkPack(pkg) {
  const files = packedFiles();
  const ruleIds = readdirSync(path.join(root, "rules"))
    .filter((name) => name.endsWith(".ts") && name !== "index.ts")
    .map((name) => name.slice(0, -".ts".length));
  const needed = [...entryPoints(pkg), "README.md", "LICENSE", ...ruleIds.map((id) => `docs/rules/${id}.md`)];
  const missing = needed.filter((file) => !files.has(file));
  if (missing.length) fail(`the package lacks ${missing.join(", ")}`);
  else pass(`the package holds its entry points, README.md, LICENSE and the docs page of each of the ${ruleIds.length} rules`);
  const stray = [...files].filter((file) => NOT_SHIPPED.some((folder) => file.startsWith(folder)) || file.endsWith(".tgz"));
  if (stray.length) fail(`the package holds files only development needs: ${stray.slice(0, 5).join(", ")}${stray.length > 5 ? ` and ${stray.length - 5} more` : ""}; narrow "files" in package.json`);
  else pass(`the package holds no tests, fixtures or sources (${files.size} files)`);
}

function checkNotes(version) {
  const changelog = readdirSync(root).find((name) => /^changelog(?:\.md)?$/i.test(name));
  const notes = changelog ?? "README.md";
  const text = existsSync(path.join(root, notes)) ? readFileSync(path.join(root, notes), "utf8") : "";
  if (text.includes(version)) pass(`${notes} mentions ${version}`);
  else fail(`${notes} does not mention ${version}: say what the release holds`);
}

const pkg = readPackage();
const version = String(pkg.version ?? "");
if (SEMVER.test(version)) pass(`version ${version} is semver`);
else fail(`version "${version}" is not semver (MAJOR.MINOR.PATCH, such as 1.0.0)`);
checkTag(version);
checkLicense(pkg.license);
checkPack(pkg);
checkNotes(version);
process.stdout.write(`${lines.join("\n")}\n${failures.length ? `\n${failures.length} of the checks failed.\n` : "\nReady to release.\n"}`);
process.exitCode = failures.length ? 1 : 0;
