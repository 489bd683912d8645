# Refuses a Tutor config.yml that still holds template syntax or a misplaced secret placeholder, before Tutor
# renders it: Tutor renders every config value as a Jinja template, in the sidecar that renders every tenant.
# The compiler refuses such values in tenant files (compiler/schema/tutor-text.ts); this is the second line.
# Usage: python3 config_guard.py <tutor root>  (exit 1 with the reason; needs only PyYAML)
import sys

import yaml

JINJA = ("{{", "}}", "{%", "%}", "{#", "#}")
PLACEHOLDER = "from-cluster-secret:"


def problems(config):
    """(path, reason) for every string, key or value, that Tutor would not read as plain data."""
    found = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(key, path + [f"<key {key!r}>"] if isinstance(key, str) else path)
                walk(item, path + [str(key)])
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + [str(i)])
        elif isinstance(value, str):
            delimiter = next((d for d in JINJA if d in value), None)
            top = path[0] if path else ""
            if delimiter:
                found.append((".".join(path), f'holds Jinja template syntax "{delimiter}"'))
            elif PLACEHOLDER in value.lower() and (len(path) != 1 or value != PLACEHOLDER + top):
                found.append((".".join(path), f'holds the secret placeholder "{PLACEHOLDER}" outside its own key'))

    walk(config, [])
    return found


def check(root):
    with open(f"{root}/config.yml", encoding="utf-8") as f:
        config = yaml.load(f, Loader=yaml.SafeLoader)  # Tutor's loader (tutor/serialize.py)
    found = problems(config if isinstance(config, dict) else {})
    if found:
        lines = "\n".join(f"  {path}: {reason}" for path, reason in found[:20])
        sys.exit(f"refusing to render {root}/config.yml: Tutor would execute it as a template\n{lines}\n"
                 "fix: recompile generated/ with `npm run compile` (the compiler refuses such values in tenant files)")


if __name__ == "__main__":
    check(sys.argv[1])
