"""A model setting whose value holds control or invisible characters: reported as a skip, never dropped.

``MODEL=<ESC>]0;…gpt-4o`` in a batch file, ``$env:OPENAI_MODEL = '<ESC>[2J…'`` in PowerShell, ``param model =
'<U+202E><U+200B>…gpt-4o'`` in a .bicepparam: no reader takes such a value for a model name (the escape sequences or
the bidi / zero-width characters are part of it, and stripping them would report a name the file does not hold), so
the file used to end with neither a finding nor a skip. A terminal escape or a Trojan-Source style bidi override in
a model setting is worth a look, so the file is reported as a skip (``hidden-characters``) saying where.

Only files that gave no finding and no skip are checked, and only lines where such a character sits in the value of
a key that names a model (identify.is_model_key): a zero-width joiner in an emoji sequence, a form feed in source
or a byte-order mark is not one. Hand-written: a regex search per file and at most MAX_LINES lines looked at.
"""

from __future__ import annotations

import re

from modelmap.discover.identify import is_model_key
from modelmap.types import Skip

# C0 controls but tab / newline / carriage return / form feed, DEL, C1 controls; zero-width and bidi formatting
# characters (U+200B-U+200F, U+202A-U+202E, U+2060-U+2064, U+2066-U+2069) and a byte-order mark inside the text
HIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# the key just before the value the character sits in: `set MODEL=`, `$env:OPENAI_MODEL = '`, `param model = '`,
# `"model": "`, `azd env set AZURE_OPENAI_MODEL ` (a word of the value may come first: `MODEL=gpt<ESC>`)
_KEY_BEFORE = re.compile(r"""([A-Za-z_][\w.-]{0,100})["']?[ \t]*([:=][ \t]*|[ \t]+)["'`]?[^\s"'`=:]{0,200}$""")
MAX_LINES = 64  # lines holding such characters that are looked at per file
_PREFIX = 300  # characters before the first such character that are searched for the key


def hidden_value_skip(path: str, text: str) -> Skip | None:
    """A skip for the first line where a model key's value holds control or invisible characters; None if none."""
    pos = 0
    for _ in range(MAX_LINES):
        m = HIDDEN.search(text, pos)
        if m is None:
            return None
        start = text.rfind("\n", 0, m.start()) + 1
        key = _KEY_BEFORE.search(text, max(start, m.start() - _PREFIX), m.start())
        # a space alone parts a name from its value only for an environment variable's name (`azd env set
        # AZURE_OPENAI_MODEL value`); `rem model <ESC>` is prose
        if key is not None and (key.group(2)[0] in ":=" or "_" in key.group(1) or key.group(1).isupper()) \
                and is_model_key(key.group(1).rsplit(".", 1)[-1]):
            line = text.count("\n", 0, m.start()) + 1
            return Skip(path, "hidden-characters",
                        f"line {line}: the value of {key.group(1)[:60]} holds control or invisible characters "
                        f"(U+{ord(m.group(0)):04X}); not read as a model name")
        end = text.find("\n", m.end())
        if end < 0:
            return None
        pos = end + 1
    return None
