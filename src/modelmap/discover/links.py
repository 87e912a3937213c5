"""Link values defined in one file to the file where they reach a model API (issue 13).

A settings module defines ``ANSWER_MODEL = os.getenv("ANSWER_MODEL", "gpt-4o")``; ``app/answer.py``
imports it and passes it to ``chat.completions.create``. The Python source reports the literal (with
the evidence ``binding:ANSWER_MODEL``) and the use (a ``SymbolUse``). Here each use becomes the finding:
it sits at the use site, so it belongs to that file's flows and carries the API's role, and the
definition is kept as a second location (``Finding.definition``; SARIF ``relatedLocations``).

A definition that reached an API elsewhere is not also counted where it is defined. A name in a
module whose other names are used elsewhere (a shared settings module) but which no scanned code
passes to a model API keeps its finding, marked ``binding-not-used``: where it is used is unknown, so
it is not placed in the flows of the file that happens to define it.

Go, Java, Kotlin and C# (``polyglot``) take the same seam with their own module names (``CODE_MODULE``): a
constant of a Go package (``param.DeepseekR1``, or unqualified in the package's other files) or of a Java / Kotlin /
C# type (``ModelNames.QWEN_MAX``) passed as a model in another file of the language. Those languages report a
constant where its literal is written (same-file uses included, ``candidates.const_uses``), so a pending one that
such a use vouches for is kept there, marked ``use-only`` with the place of the use; it is not moved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import replace

from modelmap.types import Finding, Location, SymbolUse

NOT_USED = "binding-not-used"


def binding_not_used(evidence: Collection[str] | None) -> bool:
    """A finding whose evidence says no scanned code passes its value to a model API: it is in no flow (its use site
    is unknown), so flows are not read from its path."""
    return evidence is not None and NOT_USED in evidence
# a constant a source cannot call a model on its own evidence (JS/TS ``export const SUPPORT = "acme-support-v2"``):
# kept only where another module passes it to a model API, and there marked ``use-only``
PENDING = "binding-pending"
USE_ONLY = "use-only"
_BINDING = "binding:"
# polyglot's cross-file constants: a SymbolUse's module is CODE_MODULE + "go:<folder>" (the package in that folder),
# "go@<import path>", "jvm:<Type>" (Java, Kotlin) or "cs:<Type>"; a pending constant carries CONST_TAG + its own
# module (go:<folder>, jvm:<Type>, cs:<Type>) + "." + its name
CODE_MODULE = "code:"
CONST_TAG = "const:"
#: evidence of an Azure OpenAI deployment on its name's (else its model's) finding: deploys:<name>=<model>[@<version>]
#: (provenance resolves the name the app calls to that model; discover/polyglot.py azure_deployments)
DEPLOYS = "deploys:"
#: who serves such a deployment: the finding of its name and the finding of its model carry this provider, whatever
#: the model's name says (``gpt-4o`` deployed there is called on Azure OpenAI, not on OpenAI's API)
DEPLOYMENT_PROVIDER = "azure-openai"
#: evidence on a deployment's model finding when the tag went on its name's: deployed-as:<name>
DEPLOYED_AS = "deployed-as:"
MAX_CODE_DEFINITIONS = 64  # pending constants of one name weighed per use (bounds the pass: uses x 64)


_JS_EXTS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")


def _module_paths(module: str, paths: Iterable[str]) -> list[str]:
    """Scanned files that can be ``module`` (``app.settings`` → ``app/settings.py``, ``src/app/settings.py``,
    ``app/settings/__init__.py``; JS/TS ``js:src/lib/constants`` → ``src/lib/constants.ts``,
    ``src/lib/constants/index.js``; ``js:*/lib/models`` (an ``@/`` alias) → any ``…/lib/models.ts``)."""
    if module.startswith("js:"):
        stem = module[3:]
        anywhere = stem.startswith("*/")
        stem = stem[2:] if anywhere else stem
        wanted_js = tuple(stem + ext for ext in _JS_EXTS) + tuple(stem + "/index" + ext for ext in _JS_EXTS)
        return [p for p in paths if p in wanted_js or (anywhere and any(p.endswith("/" + w) for w in wanted_js))]
    stem = module.replace(".", "/")
    wanted = (stem + ".py", stem + "/__init__.py")
    return [p for p in paths if any(p == w or p.endswith("/" + w) for w in wanted)]


def _closest(candidates: list[str], user: str) -> list[str]:
    """Of several files that could be the module, the ones sharing the longest folder prefix with the user."""
    if len(candidates) < 2:
        return candidates

    mine = user.split("/")[:-1]

    def shared(path: str) -> int:
        folders = path.split("/")[:-1]
        n = 0
        while n < min(len(folders), len(mine)) and folders[n] == mine[n]:
            n += 1
        return n

    best = max(shared(p) for p in candidates)
    return [p for p in candidates if shared(p) == best]


def _bindings(finding: Finding) -> list[str]:
    return [e[len(_BINDING):] for e in finding.evidence or () if e.startswith(_BINDING)]


def _module_level(finding: Finding) -> bool:
    """A value other modules can import: bound to a module-level name (no enclosing symbol), or to an attribute of a
    module-level object, the symbol it sits in (``Settings.chat_model`` in ``class Settings``, ``config.chatModel``
    in ``export const config = {...}``)."""
    if finding.symbol is None:
        return True
    owner = finding.symbol + "."
    return any(name.startswith(owner) for name in _bindings(finding))


def _code_module_matches(use_module: str, module: str) -> bool:
    if use_module.startswith("go@"):  # an import path: the package folder is its tail
        folder = module[3:] if module.startswith("go:") else ""
        path = use_module[3:]
        return bool(folder) and (path == folder or path.endswith("/" + folder))
    return use_module == module


def _link_code(findings: list[Finding], uses: list[SymbolUse]) -> list[Finding]:
    """Pending Go / Java / Kotlin / C# constants that another file of the language passes as a model, kept where
    they are written and marked ``use-only`` (see the module docstring); the rest stay pending."""
    by_name: dict[str, list[tuple[str, Finding]]] = defaultdict(list)
    for f in findings:
        if PENDING not in (f.evidence or ()):
            continue
        for e in f.evidence or ():
            if e.startswith(CONST_TAG):
                module, _, name = e[len(CONST_TAG):].rpartition(".")
                if len(by_name[name]) < MAX_CODE_DEFINITIONS:
                    by_name[name].append((module, f))
    if not by_name:
        return findings
    vouched: dict[int, SymbolUse] = {}
    # the constants one use names depend on its folder, module and name only: worked out once per such triple (a
    # package's files pass the same constants thousands of times)
    chosen: dict[tuple[str, str, str, bool], list[Finding]] = {}
    for use in uses:
        if use.name not in by_name:
            continue
        wanted = use.module[len(CODE_MODULE):]
        folder = use.path.rsplit("/", 1)[0] if "/" in use.path else ""
        own = any(f.path == use.path for _, f in by_name[use.name])
        key = (folder, wanted, use.name, own)
        picked = chosen.get(key) if not own else None
        if picked is None:
            matching = [f for module, f in by_name[use.name] if f.path != use.path
                        and _code_module_matches(wanted, module)]
            paths = set(_closest(sorted({f.path for f in matching}), use.path))
            picked = [f for f in matching if f.path in paths]
            if not own:
                chosen[key] = picked
        for f in picked:
            vouched.setdefault(id(f), use)
    if not vouched:
        return findings
    out: list[Finding] = []
    for f in findings:
        by = vouched.get(id(f))
        if by is not None:
            how = [f"used-at:{by.path}:{by.line}"]
            if by.symbol:
                how.append(f"use-{by.symbol}")
            if by.api:
                how.append(f"use-call:{by.api}")
            f = replace(f, evidence=(*(USE_ONLY if e == PENDING else e for e in f.evidence or ()), *how),
                        role=by.role or f.role)
        out.append(f)
    return out


def link_uses(findings: list[Finding], uses: list[SymbolUse]) -> list[Finding]:
    """Findings with each cross-file use of a bound value placed at its use site (see the module docstring)."""
    code_uses = [u for u in uses if u.module.startswith(CODE_MODULE)]
    if code_uses:
        findings = _link_code(findings, code_uses)
        uses = [u for u in uses if not u.module.startswith(CODE_MODULE)]
    definitions: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.kind != "endpoint" and _module_level(f):
            for name in _bindings(f):
                definitions[(f.path, name)].append(f)
    if not definitions or not uses:
        return _without_pending(findings)
    defining_paths = sorted({path for path, _ in definitions})
    linked: set[int] = set()
    shared_modules: set[str] = set()
    added: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for use in uses:
        module, name = use.module, use.name
        paths = _module_paths(module, defining_paths)
        if not paths and not module.startswith("js:") and "." in module.lstrip("."):
            # ``settings.chat_model`` after ``from common.settings import settings``: an attribute of an object that
            # module defines (a settings instance or class), bound as ``settings.chat_model`` there
            module, obj = module.rsplit(".", 1)
            name = f"{obj}.{name}"
            paths = _module_paths(module, defining_paths)
        for path in _closest(paths, use.path):
            if path == use.path:
                continue
            for d in definitions.get((path, name), ()):
                key = (use.path, use.line, use.column, d.raw)
                shared_modules.add(path)
                if key in seen:
                    continue  # the same value from another candidate module: that definition stays where it is
                seen.add(key)
                linked.add(id(d))
                evidence = [e if e != PENDING else USE_ONLY for e in d.evidence or ()]
                if use.api:
                    evidence.append(f"call:{use.api}")
                added.append(Finding(
                    path=use.path, line=use.line, column=use.column, raw=d.raw, kind=d.kind,
                    role=use.role or d.role, context=use.context, source=use.source,
                    provider=use.provider or d.provider, endpoint=use.endpoint or d.endpoint, symbol=use.symbol,
                    confidence=d.confidence, api=use.api, evidence=tuple(evidence),
                    definition=Location(d.path, d.line, d.column),
                ))
    if not added:
        return _without_pending(findings)
    out: list[Finding] = []
    for f in findings:
        if id(f) in linked and f.api is None:
            continue  # counted where it is used
        if PENDING in (f.evidence or ()):
            continue  # no model API takes it anywhere
        if f.path in shared_modules and id(f) not in linked and _bindings(f) and f.api is None \
                and _module_level(f) and f.kind != "endpoint" and NOT_USED not in (f.evidence or ()):
            f = replace(f, evidence=(*(f.evidence or ()), NOT_USED))
        out.append(f)
    return out + added


def _without_pending(findings: list[Finding]) -> list[Finding]:
    if any(PENDING in (f.evidence or ()) for f in findings):
        return [f for f in findings if PENDING not in (f.evidence or ())]
    return findings
