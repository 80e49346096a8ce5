/**
 * Patterns a user supplies (globs in config and on the command line, `pattern` in a JSON Schema) run against
 * every file name or frontmatter value: one that backtracks can take minutes on a 28-character input. They are
 * checked when they are read, and refused with what to write instead.
 */
import { RegExpParser } from "@eslint-community/regexpp";
import { analyse } from "scslre";

/**
 * `*` runs one path segment may hold. picomatch turns each into a lazy `[^/]*?`, and a name that almost matches
 * costs the product of their choices: with a long name, three take milliseconds and four most of a second.
 */
export const MAX_GLOB_STARS = 3;

/** A literal text as a regular expression source (a phrase a check or a draft matches word for word). */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Why a glob is refused, or undefined when it matches in reasonable time. */
export function slowGlob(glob: string): string | undefined {
  for (const segment of glob.split("/")) {
    if (segment === "**") continue;
    const stars = segment.replace(/\\./g, "").match(/\*+/g)?.length ?? 0;
    if (stars > MAX_GLOB_STARS) {
      return `the glob "${glob}" has ${stars} \`*\` in one path segment; write at most ${MAX_GLOB_STARS} (each one more multiplies the time a long file name takes to match)`;
    }
  }
  return undefined;
}

/** Made on first use: a run whose config holds no pattern never loads the regular expression analysis. */
let parser: RegExpParser | undefined;

/**
 * Why a regular expression is refused: it backtracks super-linearly (`^([a-z0-9]+-?)+$`, where a quantified
 * group can match the same text in more than one way), or it does not parse. Undefined when it is fine.
 */
export function slowRegex(source: string): string | undefined {
  let literal;
  try {
    literal = (parser ??= new RegExpParser()).parseLiteral(`/${source.replace(/\//g, "\\/")}/u`);
  } catch (error) {
    return `it is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, "")})`;
  }
  const report = analyse(literal, { reportTypes: { Move: false } }).reports[0];
  if (!report) return undefined;
  const how = report.exponential ? "exponentially" : "polynomially";
  const quantifier = report.type === "Self" ? report.parentQuant.raw : report.type === "Trade" ? report.startQuant.raw : source;
  return (
    `it can backtrack ${how}: on a long run of \`${report.character.literal.source}\`, \`${quantifier}\` tries every way to split it, ` +
    `so one long value would hang the run; let each repeated part start with a character the others cannot match, ` +
    `as \`^[a-z0-9]+(-[a-z0-9]+)*$\` does`
  );
}
