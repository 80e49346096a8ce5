import type { Rule } from "../src/types.js";
import backgroundCompletionNotice from "./background-completion-notice.js";
import backgroundNeedsRunInBackground from "./background-needs-run-in-background.js";
import freshContextSubagent from "./fresh-context-subagent.js";
import frontmatterYaml from "./frontmatter-yaml.js";
import noUnknownTool from "./no-unknown-tool.js";
import noWaitOnBackground from "./no-wait-on-background.js";
import preventionChecklist from "./prevention-checklist.js";
import selfContainedPrompt from "./self-contained-prompt.js";

/** Every rule, in the order `--list-rules` shows them. */
export const rules: readonly Rule[] = [
  frontmatterYaml,
  noUnknownTool,
  backgroundNeedsRunInBackground,
  freshContextSubagent,
  selfContainedPrompt,
  noWaitOnBackground,
  backgroundCompletionNotice,
  preventionChecklist,
];
