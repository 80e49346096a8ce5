/** The Agent Skills spec (agentskills.io): the portable skill format that many products load. */
import type { Host, Source } from "../types.js";

const SPEC: Source = { ref: "https://agentskills.io/specification" };

export const host: Host = {
  id: "agent-skills",
  name: "the Agent Skills spec",
  version: "1.0",
  markers: ["skills/*/SKILL.md"],
  inferredAlone: true,
  discovery: [{ kind: "skill", scope: "project", files: ["skills/*/SKILL.md"], source: SPEC }],
  userFolders: [],
  loadChecks: [],
  sources: [SPEC],
};
