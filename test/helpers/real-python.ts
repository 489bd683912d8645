// Asks Debian's Python (/usr/bin/python3, with python3-jinja2 and python3-yaml, installed by .ci/run) what
// Jinja, Python and PyYAML make of values: one process per batch, JSON in and out.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

export const SYSTEM_PYTHON = "/usr/bin/python3";

/** Runs `script` with `input` as JSON on stdin and returns what it prints as JSON. */
export function askPython<T>(script: string, input: unknown): T {
  if (!fs.existsSync(SYSTEM_PYTHON)) throw new Error(`${SYSTEM_PYTHON} is missing: install python3, python3-jinja2 and python3-yaml (.ci/run does)`);
  const r = spawnSync(SYSTEM_PYTHON, ["-c", script], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${SYSTEM_PYTHON} failed (exit ${r.status}): ${r.stderr.trim()}\n(install python3-jinja2 and python3-yaml: .ci/run does)`);
  return JSON.parse(r.stdout) as T;
}

/**
 * For each value: "ok" when Tutor 21.0.8 would carry it through unchanged, else what went wrong. The value is
 * rendered as a config value (Jinja, Tutor's environment: default delimiters, StrictUndefined), then put where
 * Tutor's templates put PLATFORM_NAME: a Python string literal in the settings (common_cms.py) and a YAML
 * double-quoted scalar in lms.env.yml; `configYaml` is the line the compiler writes into config.yml.
 */
export const TUTOR_ROUND_TRIP = String.raw`
import json, sys
import jinja2, yaml

env = jinja2.Environment(undefined=jinja2.StrictUndefined)
settings = env.from_string('PLATFORM_NAME = "{{ PLATFORM_NAME }}"\n')
env_yml = env.from_string('PLATFORM_NAME: "{{ PLATFORM_NAME }}"\n')

def verdict(item):
    value = item["value"]
    try:
        loaded = yaml.load(item["configYaml"], Loader=yaml.SafeLoader)["PLATFORM_NAME"]
    except Exception as e:
        return "config.yml: " + type(e).__name__
    if loaded != value:
        return "config.yml: read back as " + repr(loaded)
    try:
        rendered = env.from_string(value).render()
    except Exception as e:
        return "jinja: " + type(e).__name__
    if rendered != value:
        return "jinja: rendered as " + repr(rendered)
    try:
        ns = {}
        exec(compile(settings.render(PLATFORM_NAME=rendered), "settings.py", "exec"), ns)
        if ns["PLATFORM_NAME"] != value:
            return "python: read as " + repr(ns["PLATFORM_NAME"])
    except Exception as e:
        return "python: " + type(e).__name__
    try:
        parsed = yaml.load(env_yml.render(PLATFORM_NAME=rendered), Loader=yaml.SafeLoader)["PLATFORM_NAME"]
        if parsed != value:
            return "yaml: read as " + repr(parsed)
    except Exception as e:
        return "yaml: " + type(e).__name__
    return "ok"

print(json.dumps([verdict(item) for item in json.load(sys.stdin)]))
`;
