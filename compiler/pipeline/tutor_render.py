# Runs `tutor config save --env-only` in a throw-away Tutor root and writes the init tasks Tutor would run
# (`tutor k8s do init`), rendered, to <root>/init-tasks.json, and the settings post-render needs to
# <root>/settings.json. Run with the interpreter of the `tutor` on PATH.
import json
import sys

from config_guard import check as check_config  # beside this file: refuses template syntax before Tutor runs

from tutor import config as tutor_config
from tutor import env, hooks
from tutor.commands.cli import main


class RenderTimeKey:
    """Stands in for the JWT RSA key while templates render: the real key lives only in the cluster, and
    Open edX derives its JWKs from it at runtime (generated fleet-secrets plugin). Every component is 0."""

    e = d = n = p = q = dp = dq = invq = u = 0


@hooks.Filters.ENV_TEMPLATE_FILTERS.add(priority=hooks.priorities.LOW)
def _no_key_material(filters: list) -> list:
    # templates import a stand-in, never a key: config.yml holds only a placeholder for it
    kept = [(name, fn) for name, fn in filters if name != "rsa_import_key"]
    return kept + [("rsa_import_key", lambda _text: RenderTimeKey())]


def check_plugins_loaded(config: dict) -> None:
    # Tutor only warns about an enabled plugin it cannot find; rendering without it would drop its objects
    missing = sorted(set(config.get("PLUGINS", [])) - set(hooks.Filters.PLUGINS_LOADED.iterate()))
    if missing:
        sys.exit(f"Tutor plugins enabled in config.yml but not installed here: {', '.join(missing)}")


def init_tasks(config: dict) -> list:
    tasks = []
    for callback in hooks.Filters.CLI_DO_INIT_TASKS.callbacks:
        for service, script in callback.apply([]):
            tasks.append({"contexts": sorted(callback.contexts), "service": service, "script": env.render_str(config, script)})
    return tasks


if __name__ == "__main__":
    root = sys.argv[1]
    check_config(root)
    sys.argv = ["tutor", "--root", root, "config", "save", "--env-only"]
    try:
        main()
    except SystemExit as exit:
        if exit.code not in (None, 0):
            raise
    config = tutor_config.load_full(root)
    check_plugins_loaded(config)
    with open(f"{root}/init-tasks.json", "w", encoding="utf-8") as out:
        json.dump(init_tasks(config), out, indent=1, sort_keys=True)
    # the demo course's default revision (postrender/site.ts), as Tutor's importdemocourse takes it
    with open(f"{root}/settings.json", "w", encoding="utf-8") as out:
        json.dump({"OPENEDX_COMMON_VERSION": config["OPENEDX_COMMON_VERSION"]}, out, sort_keys=True)
