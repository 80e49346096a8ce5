/**
 * Every host skill-lint knows, and which of them a repository targets. To teach skill-lint a new host, add
 * `src/hosts/<id>/index.ts` and list it here; to follow a release, edit that file.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { host as agentSkills } from "./agent-skills/index.js";
import { host as claudeCode } from "./claude-code/index.js";
import { host as codex } from "./codex/index.js";
import { host as copilot } from "./copilot/index.js";
import { host as cursor } from "./cursor/index.js";
import { host as geminiCli } from "./gemini-cli/index.js";
import { host as opencode } from "./opencode/index.js";
import type { Kind } from "../types.js";
import type { Host, HostId, LoadCheck, LoadKind } from "./types.js";

export type { Host, HostId } from "./types.js";

export const HOSTS: readonly Host[] = [claudeCode, copilot, codex, geminiCli, cursor, opencode, agentSkills];

/** What hosts load a doc of this kind as, for the kinds whose loading has checks. */
export const LOAD_KIND: Partial<Record<Kind, LoadKind>> = { skill: "skill", agent: "agent", command: "command" };
/** How a message names a doc a host loads as this. */
export const LOAD_WORD: Record<LoadKind, string> = { skill: "skill", agent: "subagent", command: "command", instructions: "file", manifest: "manifest", workflow: "workflow" };

/** The host's check of YAML for docs of this kind, if it has one. */
export function yamlCheckOf(id: HostId, kind: Kind): Extract<LoadCheck, { type: "yaml" }> | undefined {
  const loadKind = LOAD_KIND[kind];
  if (!loadKind) return undefined;
  return hostById(id).loadChecks.find((check): check is Extract<LoadCheck, { type: "yaml" }> => check.type === "yaml" && check.kinds.includes(loadKind));
}

/**
 * Folders of hosts skill-lint has no model of: what sits there is a copy made for that host, left out of a
 * folder walk. To model one of them, give it a folder of its own here and drop it from this list.
 */
export const UNMODELLED_HOST_FOLDERS: Readonly<Record<string, string>> = {
  ".kiro": "Kiro",
  ".windsurf": "Windsurf",
  ".roo": "Roo Code",
  ".clinerules": "Cline",
  ".cline": "Cline",
  ".continue": "Continue",
  ".augment": "Augment",
  ".amazonq": "Amazon Q",
  ".trae": "Trae",
  ".qoder": "Qoder",
  ".codebuddy": "CodeBuddy",
  ".factory": "Factory",
  ".kilocode": "Kilo Code",
  ".junie": "Junie",
  ".zed": "Zed",
  ".openhands": "OpenHands",
  ".goose": "Goose",
  ".crush": "Crush",
  ".qwen": "Qwen Code",
  ".iflow": "iFlow",
  ".commandcode": "Command Code",
  ".pi": "Pi",
};

/** Targets when a repository shows no host's folders: the host these docs were first written for. */
export const DEFAULT_TARGETS: readonly HostId[] = ["claude-code"];

const byId = new Map<string, Host>(HOSTS.map((host) => [host.id, host]));

export function isHostId(id: string): id is HostId {
  return byId.has(id);
}

export function hostById(id: HostId): Host {
  const host = byId.get(id);
  if (!host) throw new Error(`unknown host "${id}"`);
  return host;
}

/** "Claude Code and Copilot CLI": how a message names the hosts it concerns. */
export function hostNames(ids: readonly HostId[]): string {
  const names = ids.map((id) => hostById(id).name);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Whether a marker (a path from the root, each segment a name or `*`) exists. */
function markerExists(root: string, marker: string): boolean {
  let dirs = [root];
  for (const segment of marker.split("/")) {
    const next: string[] = [];
    for (const dir of dirs) {
      if (segment === "*") {
        try {
          for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) next.push(path.join(dir, entry.name));
        } catch {
          // An unreadable folder holds no marker.
        }
      } else {
        try {
          statSync(path.join(dir, segment));
          next.push(path.join(dir, segment));
        } catch {
          // Absent.
        }
      }
    }
    if (!next.length) return false;
    dirs = next;
  }
  return true;
}

export interface InferredTargets {
  targets: HostId[];
  /** Per target, the marker that showed it; empty when the default was taken. */
  evidence: Partial<Record<HostId, string>>;
}

const inferred = new Map<string, InferredTargets>();

/** The hosts a repository holds docs for, from the folders and files at its root. */
export function inferTargets(root: string): InferredTargets {
  let found = inferred.get(root);
  if (!found) {
    const evidence: Partial<Record<HostId, string>> = {};
    for (const host of HOSTS) {
      const marker = host.markers.find((candidate) => markerExists(root, candidate));
      if (marker) evidence[host.id] = marker;
    }
    let targets = HOSTS.map((host) => host.id).filter((id) => evidence[id] !== undefined);
    const alone = targets.filter((id) => !hostById(id).inferredAlone);
    if (alone.length) {
      for (const id of targets) if (!alone.includes(id)) delete evidence[id];
      targets = alone;
    }
    found = targets.length ? { targets, evidence } : { targets: [...DEFAULT_TARGETS], evidence: {} };
    inferred.set(root, found);
  }
  return found;
}

/**
 * The built-in subagents or commands of the hosts that read a file, lower-cased; every host's when none is known
 * to read it (a file named on the command line), so a reference to another host's built-in is not called unknown.
 */
const builtinSets = new Map<string, ReadonlySet<string>>();

export function builtinNames(ids: readonly HostId[], kind: "agent" | "command"): ReadonlySet<string> {
  // Asked for every reference that resolves to nothing: one set per host list and kind.
  const key = `${kind}:${ids.join(",")}`;
  let names = builtinSets.get(key);
  if (!names) builtinSets.set(key, (names = new Set(builtinList(ids, kind).map((name) => name.toLowerCase()))));
  return names;
}

/** The same names as the hosts write them (`Explore`), for messages. */
export function builtinList(ids: readonly HostId[], kind: "agent" | "command"): readonly string[] {
  const hosts = ids.length ? ids.map(hostById) : HOSTS;
  return hosts.flatMap((host) => (kind === "agent" ? host.builtinAgents : host.builtinCommands) ?? []);
}

/** How a message names the built-in subagents of a file's hosts: "Claude Code's general-purpose, Explore or Plan". */
export function builtinAgentsPhrase(ids: readonly HostId[]): string | undefined {
  const hosts = (ids.length ? ids.map(hostById) : HOSTS.filter((host) => DEFAULT_TARGETS.includes(host.id))).filter((host) => host.builtinAgents?.length);
  if (!hosts.length) return undefined;
  return hosts.map((host) => `${host.name}'s ${orList(host.builtinAgents!.slice(0, 3))}`).join("; ");
}

function orList(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : words.join("");
}
