"""Production settings and translations, as an operator and a Spanish-speaking user meet them."""

import gettext
import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "nap1325.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_debug_off():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="nap1325.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_plain_http_local_run_can_switch_off_https_redirect():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.CSRF_COOKIE_SECURE)",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        SECURE_SSL="0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False False"


def read_po(path):
    """(msgid, plural, [msgstr...], fuzzy) for every entry of a .po file."""
    import json
    import re

    entries, current, target = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,") and "fuzzy" in line:
            current = {"id": "", "plural": None, "strs": {}, "fuzzy": True}
        elif line.startswith("msgctxt "):
            # A message with a context is looked up as "context\x04msgid" (gettext's rule).
            if current is None:
                current = {"id": "", "plural": None, "strs": {}, "fuzzy": False}
            current["context"] = json.loads(line[8:])
        elif line.startswith("msgid "):
            if current is None:
                current = {"id": "", "plural": None, "strs": {}, "fuzzy": False}
            current["id"], target = json.loads(line[6:]), ("id",)
            if current.get("context"):
                current["id"] = current["context"] + "\x04" + current["id"]
        elif line.startswith("msgid_plural "):
            current["plural"], target = json.loads(line[13:]), ("plural",)
        elif line.startswith("msgstr"):
            index = re.match(r"msgstr(?:\[(\d+)\])? ", line)
            key = int(index.group(1) or 0)
            current["strs"][key] = json.loads(line[index.end() :])
            target = ("str", key)
        elif line.startswith('"') and current is not None:
            if target[0] == "str":
                current["strs"][target[1]] += json.loads(line)
            else:
                current[target[0]] += json.loads(line)
        elif not line.strip() and current is not None:
            if current["id"]:
                strs = [current["strs"][k] for k in sorted(current["strs"])]
                entries.append((current["id"], current["plural"], strs, current["fuzzy"]))
            current, target = None, None
    return entries


def test_every_interface_string_has_a_spanish_translation():
    entries = read_po(ROOT / "locale/es/LC_MESSAGES/django.po")
    assert len(entries) > 100
    untranslated = [msgid for msgid, _plural, strs, fuzzy in entries if fuzzy or not all(strs)]
    assert untranslated == []


def test_compiled_catalogue_matches_the_po_file():
    """A .po edited without compilemessages would leave users with English text."""
    with open(ROOT / "locale/es/LC_MESSAGES/django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = []
    for msgid, plural, strs, _fuzzy in read_po(ROOT / "locale/es/LC_MESSAGES/django.po"):
        compiled = catalogue.ngettext(msgid, plural, 1) if plural else catalogue.gettext(msgid)
        if compiled != strs[0]:
            stale.append(msgid)
    assert stale == []
