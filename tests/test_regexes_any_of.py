"""any_of: the joined gate answers exactly as the patterns do, and shares a common opening (speed22)."""

from __future__ import annotations

import re

from modelmap.discover import javascript, python
from modelmap.regexes import any_of

# call names as real code writes them (Python and JS/TS): model APIs, and the common calls that are none
_NAMES = [
    "AutoModelForCausalLM.from_pretrained", "transformers.AutoTokenizer.from_pretrained", "pipeline",
    "transformers.pipeline", "SentenceTransformer", "sentence_transformers.CrossEncoder", "FlagModel",
    "client.chat.completions.create", "openai.ChatCompletion.create", "client.embeddings.create",
    "client.audio.transcriptions.create", "client.images.generate", "anthropic.messages.create",
    "client.messages.stream", "genai.GenerativeModel", "ollama.chat", "ollama.generate", "dspy.LM",
    "init_chat_model", "ChatOpenAI", "self.client.rerank", "co.embed", "whisper.load_model", "Llama",
    "Llama.from_pretrained", "print", "os.path.join", "np.array", "torch.nn.Linear", "logging.getLogger",
    "self.model.generate", "foo.bar.baz_qux_quux_long_name_here", "super().__init__", "json.dumps", "",
    ".", "..chat", "x.", "openai.chat.completions.create_x", "model.from_pretrained.x", "pipelines",
    "new OpenAI", "this.openai.chat.completions.create", "ai.models.generateContent", "createOpenAI",
    "streamText", "generateText", "embed", "embedMany", "ollama.pull", "engine.init", "a.b.c.d.e.f.g",
]


def _same_answers(patterns: list[re.Pattern[str]], names: list[str]) -> None:
    gate = any_of(patterns)
    assert gate is not None
    for name in names:
        assert (gate.search(name) is not None) == any(p.search(name) for p in patterns), name
        assert (gate.fullmatch(name) is not None) == any(p.fullmatch(name) for p in patterns), name
        assert (gate.match(name) is not None) == any(p.match(name) for p in patterns), name


def test_call_rule_gates_answer_as_their_rules() -> None:
    names = _NAMES + [n + suffix for n in _NAMES for suffix in ("$", "x", ".create")]
    _same_answers([r.callee for r in python.RULES], names)
    _same_answers([r.callee for r in javascript.RULES], names)


def test_a_shared_opening_is_written_once() -> None:
    gate = any_of([re.compile(r"(?:^|\.)pipeline$"), re.compile(r"(?:^|\.)SentenceTransformer$"),
                   re.compile(r"\.embeddings\.create$"), re.compile(r"\.(rerank)$")])
    assert gate is not None
    assert gate.pattern.count(r"(?:^|\.)") == 1 and gate.pattern.count("\\.(?:") == 1
    assert gate.search("st.SentenceTransformer") and gate.search("client.rerank") and not gate.search("rerank")


def test_a_top_level_alternation_keeps_its_own_opening() -> None:
    # `(?:^|\.)a$|b$` opens only its first branch with the group: `b$` alone must still match
    patterns = [re.compile(r"(?:^|\.)a$|b$"), re.compile(r"(?:^|\.)c$")]
    _same_answers(patterns, ["b", "xb", "x.a", "a", "c", "x.c", "xc", "ab"])


def test_backreferences_quantified_openings_and_odd_classes_are_left_whole() -> None:
    patterns = [re.compile(r"(?:^|\.)(\w)\1$"), re.compile(r"(?:^|\.)aa$"), re.compile(r"(?:ab)+c$"),
                re.compile(r"(?:ab)c$"), re.compile(r"(?:[]x])y$"), re.compile(r"(?:[])])z$")]
    _same_answers(patterns, ["a.bb", "bb", "bc", "ababc", "abc", "c", "]y", "xy", ")z", "]z", "a.aa", "q.zz"])


def test_verbose_and_mixed_flags() -> None:
    assert any_of([re.compile("a"), re.compile("b", re.I)]) is None
    verbose = [re.compile(r"(?: ^ | \. ) a", re.X), re.compile(r"(?: ^ | \. ) b", re.X)]
    _same_answers(verbose, ["a", "x.a", "b", "x.b", "ab", " a"])
    assert any_of([]) is None
