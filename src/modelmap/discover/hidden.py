"""A model setting whose value holds control or invisible characters: reported as a skip, never dropped.

``MODEL=<ESC>]0;…gpt-4o`` in a batch file, ``$env:OPENAI_MODEL = '<ESC>[2J…'`` in PowerShell, ``param model =
'<U+202E><U+200B>…gpt-4o'`` in a .bicepparam: no reader takes such a value for a model name (the escape sequences or
the bidi / zero-width characters are part of it, and stripping them would report a name the file does not hold), so
the file used to end with neither a finding nor a skip. A terminal escape or a Trojan-Source style bidi override in
a model setting is worth a look, so the file is reported as a skip (``hidden-characters``) saying where.

The same characters written as a string escape count too (``"model": "gpt-4o\\u202e"`` in JSON, ``'\\x1b[2J'`` in
Python or JavaScript, ``\\u{1b}`` in Swift / Rust, ``\\033`` in C or a shell): a JSON file written with ASCII escapes
(json.dumps' default) holds no raw control character, yet its reader decodes one into the value, which then matches
no model rule, and the file was lost the same way.

Only files that gave no finding and no skip are checked, and only lines where such a character sits in the value of
a key that names a model (identify.is_model_key): a zero-width joiner in an emoji sequence, a form feed in source
or a byte-order mark is not one. Hand-written: a regex search per file and at most MAX_LINES lines looked at.

Most files hold none of these characters, and ``_FOUND`` cannot skip ahead (it opens with a character class or a
look-behind, so the regex engine tries every position: 3.8 s of CPU over one copy of the real-code tree's 78 MB of
prefilter-passing text). ``_may_hold`` first asks two exact, cheaper questions that every match of ``_FOUND``
answers yes to: is there a backslash followed by ``u``, ``x``, ``0`` or ``3`` (the last backslash of any escape
``_ESCAPED`` matches), or a character of ``HIDDEN`` (for ASCII text, a control byte; 0.25 s over the same text).
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
# one of those characters written as an escape inside a string: JSON / JavaScript / Java / C# / Python ``\\uXXXX``,
# JavaScript / Swift / Rust ``\\u{X}``, ``\\xXX``, and the octal ``\\033`` (ESC) of C, Python and shells' printf; tab,
# newline, carriage return and form feed escapes are not among them, as in HIDDEN; an escaped backslash before one
# (``C:\\x1bfolder``, a Windows path in a string) is no escape of it
_HEX = r"(?:0[0-8bBeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])"
_ESCAPED = re.compile(r"(?<!\\)(?:\\\\)*\\(?:u(?:00" + _HEX + r"|20(?:0[b-fB-F]|2[a-eA-E]|6[0-46-9])|[fF][eE][fF][fF])"
                      r"|u\{0*(?:" + _HEX + r"|20(?:0[b-fB-F]|2[a-eA-E]|6[0-46-9])|[fF][eE][fF][fF])\}"
                      r"|x" + _HEX + r"(?![0-9a-fA-F])|0?33(?![0-7]))")
_FOUND = re.compile(HIDDEN.pattern + "|" + _ESCAPED.pattern)
# the backslash that opens every escape _ESCAPED matches and the letter or digit after it (a literal first character:
# the regex engine jumps from backslash to backslash)
_ESCAPE_OPEN = re.compile(r"\\[ux03]")
# the ASCII characters HIDDEN does not hold: deleting them from ASCII text leaves its hidden characters, if any
_ASCII_SHOWN = bytes(i for i in range(128) if not HIDDEN.match(chr(i)))
# a catalogue's entry: `"models": [{"id": "`, `models:\n  - name: ` (its id or name is the model's)
_ENTRY_KEYS = frozenset({"id", "name"})
_MODELS_LIST = re.compile(r"""(?i)\bmodels["']?[ \t]*[:=][ \t]*(?:\r?\n[ \t]*)?[\[{(]?[ \t]*(?:\r?\n[ \t]*)?(?:-[ \t]*)?[{(]?""")
MAX_LINES = 64  # lines holding such characters that are looked at per file
_PREFIX = 300  # characters before the first such character that are searched for the key


def hidden_value_skip(path: str, text: str) -> Skip | None:
    """A skip for the first line where a model key's value holds control or invisible characters; None if none."""
    if not _may_hold(text):
        return None
    pos = 0
    for _ in range(MAX_LINES):
        m = _FOUND.search(text, pos)
        if m is None:
            return None
        start = text.rfind("\n", 0, m.start()) + 1
        key = _KEY_BEFORE.search(text, max(start, m.start() - _PREFIX), m.start())
        # a space alone parts a name from its value only for an environment variable's name (`azd env set
        # AZURE_OPENAI_MODEL value`); `rem model <ESC>` is prose
        if key is not None and (key.group(2)[0] in ":=" or "_" in key.group(1) or key.group(1).isupper()) \
                and (is_model_key(key.group(1).rsplit(".", 1)[-1]) or _catalogue_entry(text, key, start)):
            line = text.count("\n", 0, m.start()) + 1
            return Skip(path, "hidden-characters",
                        f"line {line}: the value of {key.group(1)[:60]} holds control or invisible characters "
                        f"(U+{_code_point(m.group(0)):04X}); not read as a model name")
        end = text.find("\n", m.end())
        if end < 0:
            return None
        pos = end + 1
    return None


def _may_hold(text: str) -> bool:
    """False only when ``_FOUND`` has no match in ``text`` (an exact shortcut, see the module's docstring)."""
    if "\\" in text and _ESCAPE_OPEN.search(text):
        return True
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _ASCII_SHOWN))
    return HIDDEN.search(text) is not None


def _code_point(found: str) -> int:
    """The character a match of _FOUND stands for: itself, or what its escape decodes to."""
    if len(found) == 1:
        return ord(found)
    found = found[len(found) - len(found.lstrip("\\")) - 1:]  # the escape after any escaped backslashes
    if found[1] in "03":  # octal: \033, \33
        return int(found[1:], 8)
    return int(found[2:].strip("{}"), 16)


def _catalogue_entry(text: str, key: re.Match[str], line_start: int) -> bool:
    """The key is an id / name of an entry in a list named models, its first key (`"models": [{"id": "...`), on the
    line or the line before: a catalogue entry's id is its model (the config readers' rule)."""
    if key.group(1).lower() not in _ENTRY_KEYS:
        return False
    lead = text[max(0, text.rfind("\n", 0, max(0, line_start - 1)) + 1, key.start() - _PREFIX):key.start()]
    found = list(_MODELS_LIST.finditer(lead))  # the lead is at most _PREFIX characters
    return bool(found) and not lead[found[-1].end():].strip(" \t\r\n\"'")
