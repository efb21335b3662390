"""The Korean catalogue is complete and in step with the code: every text has a translation, every
translation keeps its placeholders, and regenerating the catalogue from the sources changes nothing
(a new tr() text without a translation, or a .qm not rebuilt, fails here)."""
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted((ROOT / "playground" / "i18n").glob("playground_*.ts"))
FIELD = re.compile(r"\{[^{}]*\}")


def messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message.findtext("source"), message.find("translation")


def test_there_is_a_korean_catalogue():
    assert [p.name for p in CATALOGUES] == ["playground_ko.ts"]
    assert (ROOT / "playground" / "i18n" / "playground_ko.qm").stat().st_size > 10_000


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda p: p.name)
def test_no_unfinished_entries(ts):
    unfinished = [(c, s) for c, s, t in messages(ts)
                  if t is None or t.get("type") in ("unfinished", "vanished", "obsolete") or not t.text]
    assert unfinished == []


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda p: p.name)
def test_translations_keep_their_placeholders(ts):
    """A translation that renames a {value} would raise in .format(), one that drops it would leave
    out what the user needs; only an engine template may drop a value (the plural "s" of "unit{1}")."""
    broken = []
    for c, s, t in messages(ts):
        ours, theirs = set(FIELD.findall(t.text or "")), set(FIELD.findall(s))
        if not ours <= theirs or (ours != theirs and c != "engine messages"):
            broken.append((c, s, t.text))
    assert broken == []


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="needs PySide6's lupdate")
def test_catalogue_is_up_to_date_with_the_sources():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 unfinished" in result.stdout
