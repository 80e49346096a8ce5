import type { Rule } from "../src/types.js";
import agentDefinition from "./agent-definition.js";
import backgroundCompletionNotice from "./background-completion-notice.js";
import backgroundNeedsRunInBackground from "./background-needs-run-in-background.js";
import directive from "./directive.js";
import encoding from "./encoding.js";
import freshContextSubagent from "./fresh-context-subagent.js";
import frontmatterSchema from "./frontmatter-schema.js";
import frontmatterYaml from "./frontmatter-yaml.js";
import hostLoads from "./host-loads.js";
import noBrokenLink from "./no-broken-link.js";
import noPlaceholder from "./no-placeholder.js";
import noUnknownReference from "./no-unknown-reference.js";
import noTimeSensitive from "./no-time-sensitive.js";
import noUnknownTool from "./no-unknown-tool.js";
import noWaitOnBackground from "./no-wait-on-background.js";
import noWindowsPaths from "./no-windows-paths.js";
import pluginManifest from "./plugin-manifest.js";
import preventionChecklist from "./prevention-checklist.js";
import selfContainedPrompt from "./self-contained-prompt.js";
import skillDescription from "./skill-description.js";
import skillName from "./skill-name.js";
import skillSize from "./skill-size.js";
import solutionFrontmatter from "./solution-frontmatter.js";
import solutionSections from "./solution-sections.js";
import subagentResultNeedsForeground from "./subagent-result-needs-foreground.js";
import uniqueNames from "./unique-names.js";

/** Every rule, in the order `--list-rules` shows them. */
export const rules: readonly Rule[] = [
  frontmatterYaml,
  hostLoads,
  frontmatterSchema,
  skillName,
  skillDescription,
  agentDefinition,
  solutionFrontmatter,
  noUnknownTool,
  backgroundNeedsRunInBackground,
  freshContextSubagent,
  selfContainedPrompt,
  noWaitOnBackground,
  subagentResultNeedsForeground,
  backgroundCompletionNotice,
  preventionChecklist,
  skillSize,
  solutionSections,
  noWindowsPaths,
  noTimeSensitive,
  noPlaceholder,
  encoding,
  pluginManifest,
  noBrokenLink,
  noUnknownReference,
  uniqueNames,
  directive,
];
