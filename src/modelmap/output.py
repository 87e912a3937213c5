"""The one output layer: everything modelmap prints or writes goes through here.

Data read from the scanned code (file names, strings, model metadata, Hub replies, config text)
is never trusted as markup or as terminal input:

* **Terminal text** (``visible``, ``text``): control characters (C0 incl. ESC, DEL, C1), Unicode
  bidi overrides/isolates, line and paragraph separators, noncharacters and lone surrogates are
  shown as visible escapes (``\\x1b``, ``\\u202e``). Rich tables get :class:`rich.text.Text`
  cells, never markup strings, so ``[/bold]`` in a file name is just text.
* **Undecodable file names**: Python keeps a byte that is not UTF-8 as a lone surrogate
  (``\\udcff`` for byte ``0xff``; PEP 383). Every output shows it as the four characters
  ``\\xff``, so outputs are always valid UTF-8 (JSON, XML, Markdown, HTML and the terminal alike).
  A real file named ``\\xff.py`` (with a backslash) prints the same; that ambiguity is accepted.
* **JSON** (``dumps_json``): valid UTF-8; C1, bidi and separators escaped as ``\\uXXXX`` so a
  JSON document printed to a terminal cannot drive it either.
* **XML** (``xml_clean``): characters XML 1.0 forbids (and the terminal-unsafe ones) become
  visible escapes before the document is parsed or written.
* **Markdown** (``md_text``, ``md_code``): ASCII punctuation that Markdown or HTML would act on
  is backslash-escaped or written as an entity; code spans use a fence longer than any backtick
  run in the value (CommonMark 6.1).
* **HTML** (``html_text``): escaped with quotes, after ``visible``.

Writing (``write_stdout``, ``write_output``): a write failure (disk full, closed pipe, permission)
becomes an :class:`~modelmap.errors.OutputError` (exit 2) with a clear message, and a closed
pipe (``| head``) is :class:`BrokenPipe`, which the CLI turns into a quiet exit. ``-o`` writes
atomically only to a regular file or a new path, keeping an existing file's mode; character
devices and FIFOs are written through; symlinks and folders are refused.
"""

from __future__ import annotations

import codecs
import errno
import html
import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelmap.errors import OutputError

if TYPE_CHECKING:
    from rich.text import Text

# C0 controls except TAB/LF (handled by ``multiline``), DEL, C1, ALM, LRM/RLM, bidi embeddings and
# overrides, LS/PS, bidi isolates, BOM/ZWNBSP, noncharacters U+FFFE/U+FFFF, and every surrogate.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff"
_UNSAFE_LINE = re.compile(f"[\t\n{_UNSAFE}]")
_UNSAFE_BLOCK = re.compile(f"[{_UNSAFE}]")
# In JSON, C0 is already escaped by the encoder; what remains unsafe for a terminal.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape_char(char: str) -> str:
    code = ord(char)
    if char in _ESCAPES:
        return _ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(value: Any, *, multiline: bool = False) -> str:
    """``value`` as text that is safe to show on a terminal: unsafe characters become escapes.

    With ``multiline`` a newline (and tab) stays as it is (messages); otherwise they are escaped
    too (a table cell, a file name)."""
    text = value if isinstance(value, str) else str(value)
    pattern = _UNSAFE_BLOCK if multiline else _UNSAFE_LINE
    if multiline:
        text = text.replace("\r\n", "\n")
    return pattern.sub(lambda m: _escape_char(m.group()), text)


def text(value: Any, style: str = "") -> Text:
    """A Rich cell or title from data: never parsed as markup, unsafe characters escaped."""
    from rich.text import Text

    return Text(visible("" if value is None else value), style=style)


def _visible_errors(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(_escape_char(c) for c in bad), exc.end


codecs.register_error("modelmap-visible", _visible_errors)


def to_utf8(value: str) -> bytes:
    """Encode as UTF-8; a lone surrogate (an undecodable file-name byte) becomes ``\\xNN``."""
    return value.encode("utf-8", "modelmap-visible")


def clean(value: str) -> str:
    """A string with its lone surrogates shown as ``\\xNN`` (for data that is written, not shown)."""
    return _SURROGATE.sub(lambda m: _escape_char(m.group()), value)


_STR_ONLY = frozenset({str})
_INT_RANGE = range(-(1 << 63), 1 << 64)  # what orjson writes as an integer (it raises past it)


def _orjson_same(data: Any) -> bool:
    """Whether ``orjson.dumps(data, option=OPT_INDENT_2)`` writes exactly what ``json.dumps(data, indent=2,
    ensure_ascii=False)`` does: only dicts with ``str`` keys, lists, tuples, strings, booleans, None, integers
    in orjson's 64-bit range and floats that both write in plain decimal (``repr`` switches to an exponent below
    1e-4 and from 1e16, orjson differently; orjson writes NaN and infinities as null). Exact types only: a
    subclass or any other object goes to ``json``, which raises or converts it as before."""
    stack: list[Any] = [(data,)]
    seen: set[int] = set()  # a container met twice is walked once (a cycle ends here; orjson then raises)
    while stack:
        container = stack.pop()
        if id(container) in seen:
            continue
        seen.add(id(container))
        if type(container) is dict:
            if container and set(map(type, container)) != _STR_ONLY:
                return False
            container = container.values()
        for value in container:
            kind = type(value)
            if kind is str or kind is bool or value is None:
                continue
            if kind is dict or kind is list or kind is tuple:
                stack.append(value)
            elif kind is int:
                if value not in _INT_RANGE:
                    return False
            elif kind is float:
                if not (value == 0.0 or 1e-4 <= abs(value) < 1e15):  # NaN fails both tests
                    return False
            else:
                return False
    return True


def _orjson_text(data: Any, newline: bool = False) -> bytes | None:
    """``json.dumps(data, indent=2, ensure_ascii=False)`` as UTF-8, through orjson (~30x faster on a scan
    document of thousands of findings) when it writes the same text; None when it would not. ``newline``: with
    a final newline, written by orjson itself (adding it afterwards copies the whole text: 29 MB more at the
    peak of a 14,000-finding scan, issue 10)."""
    if not _orjson_same(data):
        return None
    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | (orjson.OPT_APPEND_NEWLINE if newline else 0))
    except TypeError:  # orjson.JSONEncodeError (a lone surrogate, nesting past its limit): json says how
        return None


# the UTF-8 encodings of the characters _JSON_UNSAFE matches (each starts with an ASCII or a lead byte, so a match
# is always a whole character)
_JSON_UNSAFE_UTF8 = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbb\xbf|\xef\xbf[\xbe\xbf]")


_NOT_UTF8_LEAD = bytes(b for b in range(256) if b not in b"\x7f\xc2\xd8\xe2\xef")


def _has_unsafe_utf8(raw: bytes) -> bool:
    """``_JSON_UNSAFE_UTF8.search(raw) is not None``, faster: the bytes a match can start with are looked for
    first (a scan document usually has none, or a few)."""
    for lead in set(raw.translate(None, _NOT_UTF8_LEAD)):
        at = raw.find(lead)
        while at >= 0:
            if _JSON_UNSAFE_UTF8.match(raw, at):
                return True
            at = raw.find(lead, at + 1)
    return False


def dumps_json(data: Any, *, indent: int | None = 2, sort_keys: bool = False, newline: bool = True) -> bytes:
    """JSON as UTF-8 bytes: always encodable, and inert when printed to a terminal."""
    raw = _orjson_text(data, newline) if indent == 2 and not sort_keys else None
    if raw is not None and not _has_unsafe_utf8(raw):
        return raw  # orjson never writes a lone surrogate: nothing to escape
    if raw is not None and newline:
        raw = raw[:-1]  # the newline is added back below
    body = raw.decode("utf-8") if raw is not None else json.dumps(data, indent=indent, ensure_ascii=False,
                                                                   sort_keys=sort_keys)
    # Unsafe characters can only occur inside JSON strings, where \\uXXXX / an escaped backslash is valid.
    body = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", body)
    body = _SURROGATE.sub(lambda m: "\\" + _escape_char(m.group()), body)
    return (body + ("\n" if newline else "")).encode("utf-8")


def xml_clean(value: str) -> str:
    """Text with every character XML 1.0 forbids (and the terminal-unsafe ones) as a visible
    escape. Run it over a serialised document: such characters can only be in its data."""
    return visible(value, multiline=True)


# --------------------------------------------------------------------------- Markdown / HTML

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def origins_text(origins: list[str] | None, known: bool | None) -> str:
    """Origin countries for a table cell: 'unknown' when none are recorded, else the countries, marked
    '(incomplete)' when the lineage is known not to be fully recorded (``known`` False; None says nothing)."""
    if not origins:
        return "unknown"
    return ", ".join(origins) + (" (incomplete)" if known is False else "")


def md_text(value: Any) -> str:
    """Data as literal Markdown text (one line): emphasis, links, code, tables and raw HTML
    characters are escaped; ``<``/``>``/``&`` become entities."""
    plain = visible("" if value is None else value)
    plain = html.escape(plain, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", plain)


def md_code(value: Any, *, in_table: bool = True) -> str:
    """Data as a Markdown code span: the fence is one backtick longer than the longest run in the
    value, padded with a space when the value starts or ends with a backtick. In a table cell a
    ``|`` is escaped (GitHub Flavored Markdown removes that backslash inside code)."""
    plain = visible("" if value is None else value)
    longest = max((len(run) for run in re.findall(r"`+", plain)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if plain.startswith("`") or plain.endswith("`") or (plain.startswith(" ") and plain.endswith(" ")
                                                                    and plain.strip()) else ""
    if in_table:
        plain = plain.replace("|", "\\|")
    return f"{fence}{pad}{plain}{pad}{fence}"


def html_text(value: Any) -> str:
    """Data as HTML text or attribute value."""
    return html.escape(visible("" if value is None else value), quote=True)


# --------------------------------------------------------------------------- writing


class BrokenPipe(Exception):
    """The reader of standard output went away (``| head``): stop quietly."""


def _describe(exc: OSError) -> str:
    return exc.strerror or str(exc) or exc.__class__.__name__


def write_stdout(data: bytes) -> None:
    """Write bytes to standard output and flush, turning failures into OutputError/BrokenPipe."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise BrokenPipe() from None
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise BrokenPipe() from None
        raise OutputError(f"cannot write to standard output: {_describe(exc)}",
                          hint="check the disk space and where the output is redirected") from None
    except ValueError:  # stdout closed
        raise OutputError("cannot write to standard output: it is closed") from None


def write_stdout_text(value: str) -> None:
    write_stdout(to_utf8(value))


def _write_through(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    finally:
        os.close(fd)


def check_output_target(target: Path) -> os.stat_result | None:
    """The ``-o`` target's lstat (None for a new path) when modelmap may write it: a regular file, a new
    path, a character device or a FIFO; else an OutputError (a symlink, a folder, a socket ...). Commands
    call it before their work too, so a refused target costs no scan."""
    shown = visible(str(target))
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {_describe(exc)}") from None
    if stat.S_ISREG(st.st_mode) or stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return st
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(f"refusing to write {shown}: it is a symbolic link",
                          hint="pass the real file it points to, or remove the link")
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {shown}: it is a folder", hint="pass a file name inside it")
    raise OutputError(f"refusing to write {shown}: it is not a regular file",
                      hint="pass a file name, or - for standard output")


def write_output(path: Path | str, data: bytes) -> None:
    """``-o PATH``: ``-`` is standard output; a character device or FIFO is written through (it is
    never replaced); a regular file or a new path is written atomically, keeping an existing
    file's permissions (a new file gets the umask's); a symlink or a folder is refused."""
    from modelmap.fsutil import write_atomic

    if str(path) == "-":
        write_stdout(data)
        return
    target = Path(path)
    shown = visible(str(target))
    st = check_output_target(target)
    try:
        if st is None or stat.S_ISREG(st.st_mode):
            write_atomic(target, data, mode=None if st is None else stat.S_IMODE(st.st_mode))
        else:
            _write_through(target, data)
    except BrokenPipeError:
        raise BrokenPipe() from None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {_describe(exc)}",
                          hint="check the folder exists and is writable, and the disk space") from None


def write_stderr(message: str) -> None:
    """A diagnostic line on standard error (sanitised; newlines kept). A failing stderr is ignored:
    there is nowhere left to report it."""
    try:
        sys.stderr.write(visible(message, multiline=True).rstrip("\n") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def render_rich(*renderables: Any, width: int | None = None, terminal: bool | None = None,
                no_color: bool = False) -> str:
    """Render Rich renderables to a string for standard output: styled when stdout is a
    terminal (unless ``no_color`` or NO_COLOR), plain otherwise; the width is the terminal's
    (or ``width``)."""
    from io import StringIO

    from rich.console import Console

    probe = Console()
    is_tty = probe.is_terminal if terminal is None else terminal
    plain = not is_tty or no_color or probe.no_color
    buffer = StringIO()
    console = Console(file=buffer, width=width or probe.width, force_terminal=is_tty and not plain,
                      color_system=None if plain else "auto", no_color=plain,
                      highlight=False, emoji=False)
    for item in renderables:
        console.print(item)
    return buffer.getvalue()


def silence_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
