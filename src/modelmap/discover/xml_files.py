"""XML config files: Maven ``pom.xml``, Spring bean XML, MSBuild / .NET (``*.csproj``, ``*.props``, ``*.targets``,
``app.config`` / ``web.config``, ``*.resx``), Android ``res/values/*.xml`` and XML property lists.

The file is parsed with defusedxml's SAX reader (expat underneath, with DTD entity declarations and external
references refused: a billion-laughs or external-entity file is a ``parse-error`` skip, nothing is fetched or
expanded) into the position-keeping tree of ``config_files`` (``Scalar`` / ``Mapping``), and that tree goes through
the same ``TreeWalker`` as YAML and JSON, so a model-named key, a Hub URL, a weight-file name or a knowledge-base id
decides here as it does there. The tree is shaped the way the same settings are written in YAML:

* an element with text only is a ``key: value`` pair (``<LocalFileName>x.gguf</LocalFileName>``);
* an element with attributes or children is a mapping of its attributes and children (``<bean id=… class=…>``);
* a name/value pair element is one pair under its name: ``<property name="model" value="qwen-max"/>`` (Spring),
  ``<add key="OpenAI:Model" value="gpt-4o"/>`` (appSettings), ``<string name="model_id">…</string>`` (Android),
  ``<data name="ModelName"><value>…</value></data>`` (.resx), ``<entry key="model">…</entry>``;
* a property list ``<dict>`` pairs each ``<key>`` with the value element after it;
* a dotted or colon-separated key is nested, as Spring and .NET bind it (``<spring.ai.openai.chat.options.model>``
  is ``spring: {ai: {openai: {chat: {options: {model: …}}}}}``);
* namespace prefixes are dropped from names (``android:name`` is ``name``), ``xmlns`` / ``xsi:`` attributes are left
  out, and so are package and project references (a NuGet or Maven package is a library, not a model).

Hand-written because no library turns XML into a tree with the character offsets the walker reports columns from
(``xml.etree`` and ``lxml`` keep line numbers only, and only lxml keeps them for attributes); expat's locator gives
the line and column of each event and the offsets are computed from them.

Bounds: the file's text is at most ``MAX_XML_CHARS`` (larger files are a ``too-large`` skip), elements nest at most
``MAX_DEPTH`` deep and a file builds at most ``MAX_ELEMENTS`` elements (then a ``candidates-capped`` skip and the
elements read so far are walked); every element is a step of the file's analysis budget.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

from modelmap.discover.base import BudgetExceeded, Sample, SourceFile, budget, budget_skip, line_starts
from modelmap.discover.config_files import Mapping, Node, Scalar, TreeWalker, ids_for
from modelmap.types import Finding, Skip

MAX_XML_CHARS = 1 << 20  # as for YAML (config_files.MAX_YAML_PARSE_CHARS)
MAX_DEPTH = 200
MAX_ELEMENTS = 50_000
MAX_VALUE_CHARS = 100_000

_XML_NAME = re.compile(r"(?i)\.(xml|csproj|fsproj|vbproj|props|targets|config|resx|plist)$")
# XML that holds no settings: Android layouts and drawables (UI text and shapes), build-tool rule sets, test
# reports, IDE and diagram files, XSLT/Schema under an .xml name, and OpenVINO IR graphs (a model file's topology)
_NOT_CONFIG_PATH = re.compile(
    r"(?i)(^|/)res/(layout|drawable|mipmap|anim|animator|menu|navigation|color|font|transition|interpolator)"
    r"[^/]*/|(^|/)(checkstyle|spotbugs|findbugs|pmd|suppressions?|lint|detekt|ruleset|proguard)[^/]*\.xml$|"
    r"(^|/)(TEST-[^/]*|junit[^/]*|surefire[^/]*|jacoco[^/]*|coverage[^/]*)\.xml$|\.(drawio|xsd|xsl|xslt)\.xml$|"
    r"(^|/)(AssemblyInfo|Resources\.Designer)\.[^/]*$")
# elements that name a package, a project or a source file, never a model
_SKIP_ELEMENTS = frozenset({
    "packagereference", "projectreference", "reference", "packageversion", "using", "compile", "folder",
    "globalpackagereference", "frameworkreference", "dependency", "plugin", "parent", "exclusion", "extension",
    "repository", "pluginrepository", "distributionmanagement", "scm", "developers", "licenses", "organization",
    "issuemanagement", "cimanagement", "mailinglists", "modules",
})
_PAIR_KEYS = ("name", "key")
_DEFAULT_ATTRS = ("defaultvaluestring", "defaultvalue", "default")
_DROP_ATTRS = frozenset({"schemalocation", "nonamespaceschemalocation", "space", "lang", "condition", "label",
                         "translatable", "tools", "type", "mimetype"})
_ENCODING = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")
_KEY_PART = re.compile(r"[A-Za-z_][\w-]*")
# a document type declaration without an internal subset (MyBatis mappers, Apple property lists, old Spring beans:
# ``<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">``) only
# names a DTD that is never fetched; it is blanked out (same length, lines kept) so that defusedxml does not refuse
# the file for its external reference. A declaration with an internal subset (``[ <!ENTITY …> ]``) stays and is
# refused as defusedxml refuses it.
_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*>", re.I)


class _TooMany(Exception):
    pass


@dataclass
class _Frame:
    tag: str
    key: Scalar
    attrs: list[tuple[str, Scalar]]
    children: list[tuple[Node, Node]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    text_len: int = 0  # characters in ``text`` (kept, not summed per event: an element's text comes in many events)
    text_start: int = -1
    skip: bool = False


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _nest(key: Scalar, value: Node, separators: str) -> tuple[Node, Node]:
    """``a.b.c: v`` as ``a: {b: {c: v}}`` (Spring's and .NET configuration's binding), when every part is a name."""
    parts = re.split(f"[{re.escape(separators)}]", key.value) if any(s in key.value for s in separators) else []
    if len(parts) < 2 or len(parts) > 16 or not all(_KEY_PART.fullmatch(p) for p in parts):
        return key, value
    node: Node = value
    at = key.start
    offsets = []
    for p in parts:
        offsets.append(at)
        at += len(p) + 1
    for p, off in zip(reversed(parts[1:]), reversed(offsets[1:]), strict=True):
        node = Mapping([(Scalar(p, off, off + len(p)), node)], off)
    return Scalar(parts[0], key.start, key.start + len(parts[0])), node


def _plist_pairs(children: list[tuple[Node, Node]]) -> list[tuple[Node, Node]]:
    """A property list ``<dict>``: each ``<key>K</key>`` names the value element after it."""
    pairs: list[tuple[Node, Node]] = []
    pending: Scalar | None = None
    for k, v in children:
        if isinstance(k, Scalar) and k.value == "key" and isinstance(v, Scalar):
            pending = Scalar(v.value.strip(), v.start, v.end)
        elif pending is not None:
            pairs.append((pending, v))
            pending = None
    return pairs


class _TreeBuilder(ContentHandler):
    """SAX events → the config tree; one budget step per element."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.starts = line_starts(text)
        self.loc: Locator | None = None
        self.stack: list[_Frame] = [_Frame("", Scalar("", 0, 0), [])]
        self.elements = 0
        self.tick = budget().tick

    def setDocumentLocator(self, locator: Locator) -> None:
        self.loc = locator

    def offset(self) -> int:
        if self.loc is None:
            return 0
        line, col = self.loc.getLineNumber() or 1, self.loc.getColumnNumber() or 0
        base = self.starts[min(max(line - 1, 0), len(self.starts) - 1)]
        return min(base + col, len(self.text))

    def _attr_scalar(self, qname: str, value: str, tag_at: int) -> Scalar:
        m = re.compile(rf"(?<![\w:.-]){re.escape(qname)}\s*=\s*([\"'])").search(self.text, tag_at, tag_at + 65536)
        if m is None:
            return Scalar(value, tag_at, tag_at)
        start = m.end()
        end = self.text.find(m.group(1), start)
        return Scalar(value, start, end if end >= 0 else start + len(value))

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        self.tick()
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _TooMany
        if len(self.stack) > MAX_DEPTH:
            raise ValueError(f"elements nested deeper than {MAX_DEPTH} levels")
        at = self.offset()
        tag = _local(name)
        parent = self.stack[-1]
        frame = _Frame(tag, Scalar(tag, at + 1, at + 1 + len(name)), [])
        frame.skip = parent.skip or tag.lower() in _SKIP_ELEMENTS
        if not frame.skip:
            for qname in attrs.getNames():
                self.tick()  # each attribute's place is searched for in the text (up to 64 KiB)
                low = qname.lower()
                local = _local(low)
                if low.startswith(("xmlns", "xsi:")) or local in _DROP_ATTRS:
                    continue
                value = attrs.getValue(qname)
                if len(value) <= MAX_VALUE_CHARS:
                    frame.attrs.append((_local(qname), self._attr_scalar(qname, value, at)))
        self.stack.append(frame)

    def characters(self, content: str) -> None:
        # one step per event: expat hands an element's text over in pieces (a line, an entity each), and the text
        # kept was summed on every piece (a 120 KB element of 60,000 lines: 106 s of CPU, no budget step; redteam13)
        self.tick()
        frame = self.stack[-1]
        if frame.skip:
            return
        if frame.text_start < 0:
            frame.text_start = self.offset()
        if frame.text_len <= MAX_VALUE_CHARS:
            frame.text.append(content)
            frame.text_len += len(content)

    def endElement(self, name: str) -> None:
        frame = self.stack.pop()
        if frame.skip:
            return
        end = self.offset()
        text = "".join(frame.text)
        value = Scalar(text, frame.text_start if frame.text_start >= 0 else end, end) if text.strip() else None
        self.stack[-1].children.append(self._node(frame, value))

    def _node(self, frame: _Frame, text: Scalar | None) -> tuple[Node, Node]:
        attrs = dict((k.lower(), v) for k, v in frame.attrs)
        pair_key = next((attrs[k] for k in _PAIR_KEYS if k in attrs), None)
        if pair_key is None and "id" in attrs and "value" in attrs:
            pair_key = attrs["id"]
        if pair_key is not None and pair_key.value.strip():
            pair_value = attrs.get("value")
            if pair_value is None:
                # a declaration's default (Core Data `<attribute name="gptModel" attributeType="String"
                # defaultValueString="gpt-4o"/>`, XML Schema `<xs:attribute name="model" default="…"/>`): the value
                # the named setting holds until it is changed
                pair_value = next((attrs[k] for k in _DEFAULT_ATTRS if k in attrs), None)
            if pair_value is None and not frame.children:
                pair_value = text
            if pair_value is None and len(frame.children) == 1:
                k, v = frame.children[0]
                if isinstance(k, Scalar) and k.value.lower() == "value" and isinstance(v, Scalar):
                    pair_value = v
            if pair_value is not None:
                return _nest(pair_key, pair_value, ".:")
        if not frame.attrs and not frame.children:
            return _nest(frame.key, text or Scalar("", frame.key.end, frame.key.end), ".")
        if frame.tag == "dict" and not frame.attrs:
            return frame.key, Mapping(_plist_pairs(frame.children), frame.key.start)
        pairs: list[tuple[Node, Node]] = [(Scalar(k, v.start, v.start), v) for k, v in frame.attrs]
        pairs.extend(frame.children)
        if text is not None:
            pairs.append((frame.key, text))
        return _nest(frame.key, Mapping(pairs, frame.key.start), ".")

    def root(self) -> Mapping:
        return Mapping(self.stack[0].children, 0)


def parse_xml(text: str) -> tuple[Mapping, bool]:
    """The file's tree and whether it was cut at ``MAX_ELEMENTS``; ``ValueError`` for a malformed or refused file."""
    import defusedxml.sax
    from defusedxml.common import DefusedXmlException

    data = text.encode("utf-8")
    # the text was decoded as UTF-8 already: a declared legacy encoding would make expat decode it again
    # (padded with spaces to the same length, so that columns on the first line stay right)
    data = _ENCODING.sub(lambda m: (m.group(1) + m.group(2) + b"utf-8" + m.group(2)).ljust(len(m.group())), data,
                         count=1)
    data = _DOCTYPE.sub(lambda m: re.sub(rb"[^\n]", b" ", m.group()), data, count=1)
    builder = _TreeBuilder(text)
    try:
        defusedxml.sax.parseString(data, builder)
    except _TooMany:
        builder.stack[1:] = []
        return builder.root(), True
    except (BudgetExceeded, RecursionError, MemoryError):
        raise
    except DefusedXmlException as exc:
        raise ValueError(f"refused: {exc!r}"[:300]) from None
    except Exception as exc:  # SAXParseException, ValueError from the depth bound
        raise ValueError(str(exc)[:300]) from None
    return builder.root(), False


# Xcode's Core Data model: a folder `Name.xcdatamodel` holding its XML under the name `contents`
_CORE_DATA_MODEL = re.compile(r"(?i)\.xcdatamodel/contents$")


def is_xml_config(path: str) -> bool:
    return (bool(_XML_NAME.search(path)) and not _NOT_CONFIG_PATH.search(path)) or bool(_CORE_DATA_MODEL.search(path))


class XmlFileSource:
    id = "xml"
    description = ("XML config files (Maven pom, Spring beans, MSBuild .csproj/.props, app.config, .resx, Android "
                   "res/values): model keys, name/value properties, Hub URLs and weight files")
    samples = (
        Sample("pom.xml",
               "<project><properties><spring.ai.openai.chat.options.model>gpt-4o-mini"
               "</spring.ai.openai.chat.options.model></properties></project>\n", ("gpt-4o-mini",)),
        Sample("src/main/resources/beans.xml",
               '<beans><bean id="chat" class="x.ChatClient"><property name="model" value="qwen-max"/></bean>'
               "</beans>\n", ("qwen-max",)),
        Sample("pom.xml",
               "<project><dependencies><dependency><groupId>org.springframework.ai</groupId><artifactId>"
               "spring-ai-openai-spring-boot-starter</artifactId></dependency></dependencies></project>\n", ()),
    )

    def applies_to(self, path: str) -> bool:
        return is_xml_config(path)

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        if not file.text.lstrip("\ufeff \t\r\n").startswith("<"):
            return []  # a `.config` file in another format (not XML)
        if len(file.text) > MAX_XML_CHARS:
            return [Skip(file.path, "too-large", f"{len(file.text) >> 10} KiB of XML: over "
                                                 f"{MAX_XML_CHARS >> 20} MiB, not parsed")]
        text, code = file.text, []
        spans = policy_expressions(text) if _POLICY_ROOT.search(text) is not None else []
        if spans:
            # an API Management policy: its C# expressions are read as C# at their own lines and columns, and the XML
            # around them, with the expressions blanked out (their unescaped quotes make the document ill-formed for
            # any XML parser, as APIM's own editor accepts them), as any other XML config
            code = _policy_code(file, spans)
            text = _blanked(text, spans)
        try:
            root, capped = parse_xml(text)
        except BudgetExceeded as exc:
            return [*code, budget_skip(file.path, self.id, exc, "not parsed")]
        except ValueError as exc:
            return [*code, Skip(file.path, "parse-error", str(exc))]
        notes = [Skip(file.path, "candidates-capped", f"more than {MAX_ELEMENTS} XML elements; the first ones are "
                                                      "read")] if capped else []
        walker = TreeWalker(SourceFile(file.path, text, file.context), ids_for("xml"))
        written = {(f.line, f.column, f.raw) for f in code if isinstance(f, Finding)}
        return [*code, *notes, *(item for item in walker.guarded(lambda: walker.walk(root), self.id)
                                 if not isinstance(item, Finding) or (item.line, item.column, item.raw) not in written)]


# Azure API Management policy documents (learn.microsoft.com/azure/api-management/api-management-policy-expressions,
# as_of 2026-12-07): `<policies>` (or a policy fragment's `<fragment>`) whose attribute values and element texts may be
# C# expressions, `@(single expression)` or `@{ statements }`. An AI gateway's model routing lives there
# (`<when condition="@(((string)context.Variables["requestedModel"]) == "gpt-4.1")">`), written with unescaped quotes
# inside the attribute (APIM accepts them) or with `&quot;`.
_POLICY_ROOT = re.compile(r"<(?:policies|fragment)[\s>]")
# where an expression starts: the start of an attribute value or of an element's text
_EXPRESSION_OPEN = re.compile(r"(?:=[ \t]*[\"']|>)[ \t\r\n]*@[({]")
_CLOSERS = {"(": ")", "{": "}", "[": "]"}
_ENTITY_RUN = re.compile(r"(?:&(?:quot|apos|lt|gt|amp|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)+")
MAX_POLICY_EXPRESSIONS = 4096  # expressions read per policy document; the rest are not read as code
MAX_EXPRESSION_CHARS = 100_000
MAX_UNCLOSED = 16  # expressions that do not close, past which a document's expressions are not read further


def _expression_end(text: str, at: int) -> int | None:
    """The offset just past the bracket that closes the one at ``at`` (C# strings, character literals and comments
    skipped); None when it does not close within MAX_EXPRESSION_CHARS. Every character is read once."""
    depth: list[str] = []
    i, stop = at, min(len(text), at + MAX_EXPRESSION_CHARS)
    while i < stop:
        ch = text[i]
        if ch in _CLOSERS:
            depth.append(_CLOSERS[ch])
        elif ch in ")}]":
            if not depth or depth.pop() != ch:
                return None
            if not depth:
                return i + 1
        elif ch == '"':
            verbatim = i > 0 and text[i - 1] == "@"
            i += 1
            while i < stop:
                if text[i] == "\\" and not verbatim:
                    i += 2
                    continue
                if text[i] == '"':
                    if verbatim and i + 1 < stop and text[i + 1] == '"':
                        i += 2
                        continue
                    break
                if text[i] == "\n" and not verbatim:
                    break
                i += 1
        elif ch == "'" and (close := text.find("'", i + 1, min(stop, i + 8))) > 0:
            i = close
        elif ch == "/" and text.startswith("//", i):
            nl = text.find("\n", i, stop)
            i = nl if nl >= 0 else stop
            continue
        elif ch == "/" and text.startswith("/*", i):
            close = text.find("*/", i + 2, stop)
            i = close + 2 if close >= 0 else stop
            continue
        i += 1
    return None


def policy_expressions(text: str) -> list[tuple[int, int]]:
    """The C# expressions of an API Management policy: (offset of the ``@``, offset just past the closing bracket),
    in file order, at most MAX_POLICY_EXPRESSIONS of them."""
    spans: list[tuple[int, int]] = []
    tick = budget().tick
    at = failed = 0
    while len(spans) < MAX_POLICY_EXPRESSIONS and (m := _EXPRESSION_OPEN.search(text, at)) is not None:
        tick()
        start = m.end() - 1  # the opening bracket
        end = _expression_end(text, start)
        if end is None:
            failed += 1
            if failed >= MAX_UNCLOSED:
                break  # each unclosed one may read MAX_EXPRESSION_CHARS: a file of them is not read further
            at = m.end()
            continue
        spans.append((start - 1, end))
        at = end
    return spans


def _policy_code(file: SourceFile, spans: list[tuple[int, int]]) -> list[Finding | Skip]:
    """The policy's expressions read as C#: a copy of the file as long as it, blank but for the expressions (each
    ``@(…)`` followed by the ``;`` of a statement, each ``@{…}`` a block), so that lines and columns stay the file's.
    An entity is replaced by the character it stands for and spaces (before an opening `&quot;`, after anything
    else), so a string written `&quot;model&quot;` keeps its text at its own columns."""
    from modelmap.discover.languages import LANGUAGES
    from modelmap.discover.polyglot import PolyglotSource

    text = file.text
    out = [c if c in "\r\n" else " " for c in text]
    for start, end in spans:
        body = text[start + 1:end]
        at, opening = start + 1, True
        last = 0
        for m in _ENTITY_RUN.finditer(body):
            out[at + last:at + m.start()] = body[last:m.start()]
            run = m.group()
            decoded = html.unescape(run)
            if run == "&quot;":
                piece = (" " * (len(run) - 1) + '"') if opening else ('"' + " " * (len(run) - 1))
                opening = not opening
            else:
                piece = decoded.ljust(len(run))[:len(run)]
            out[at + m.start():at + m.end()] = piece
            last = m.end()
        out[at + last:at + len(body)] = body[last:]
        if text[start + 1] == "(" and end < len(text) and text[end] not in "\r\n":
            out[end] = ";"
    csharp = next(lang for lang in LANGUAGES if lang.id == "csharp")
    code = SourceFile(file.path, "".join(out), file.context)
    return [item for item in PolyglotSource().scan(code, csharp) if isinstance(item, (Finding, Skip))]


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The document with each expression replaced by spaces (line breaks kept), for the XML parser."""
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append("".join(c if c in "\r\n" else " " for c in text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)
