/** A section that starts work in the background (a command, `claude -p`, a subagent) but never sets `run_in_background: true`. */
import { BACKGROUND_KINDS, BACKGROUND_TRIGGER, backgroundMechanism, findBackgroundLaunches } from "../src/background.js";
import { docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

const rule: Rule = {
  meta: {
    id: "background-needs-run-in-background",
    description: "Work started in the background must set `run_in_background: true` where the target tool has that parameter.",
    kinds: BACKGROUND_KINDS,
    severity: "warn",
    offByDefault:
      "on seventeen public repositories it had not seen, 0 of its 7 findings were true: shell code that backgrounds itself inside hook scripts (`(cmd &)`), dev servers started \"in a background process\" and polled for readiness, and prose describing a feature or a hook; it stays available for docs written for Claude Code's Bash and Agent tools",
    checklistItem: "Use Bash for background",
    docsUrl: docsUrl("background-needs-run-in-background"),
    // Claude Code's own parameters and launch forms.
    hosts: ["claude-code"],
    trigger: BACKGROUND_TRIGGER,
  },
  check({ doc, toolset, report }) {
    const reportedSections = new Set<number>();
    for (const launch of findBackgroundLaunches(doc)) {
      if (launch.hasParameter || reportedSections.has(launch.section.start)) continue;
      const mechanism = backgroundMechanism(launch, toolset);
      // From 2.1.198 the Agent tool runs subagents in the background by default: nothing to ask for.
      if (!mechanism || mechanism.via === "automatic") continue;
      reportedSections.add(launch.section.start);
      let message: string;
      if (mechanism.via === "claude-p") {
        const reason = mechanism.tool
          ? `the ${mechanism.tool} tool of Claude Code ${toolset.version} has no \`run_in_background\` (it came in 2.0.60)`
          : "the configured tools have no Agent tool to start it";
        message =
          `Unexpected background subagent: ${reason}. ` +
          "Launch it as `claude -p \"...\"` through the Bash tool with `run_in_background: true`.";
      } else if (mechanism.tool === "Bash") {
        message =
          "Unexpected background work without `run_in_background: true` in its section: a plain Bash call blocks until the command ends. " +
          "Set `run_in_background: true` on the Bash call (for example a `# run_in_background: true` line at the top of the block).";
      } else {
        message =
          `Unexpected background subagent without \`run_in_background: true\` in its section: without it the ${mechanism.tool} call ` +
          `runs the subagent in the foreground and you wait for it. Pass \`run_in_background: true\` to the ${mechanism.tool} tool.`;
      }
      report({ message, start: launch.start, end: launch.end });
    }
  },
};

export default rule;
