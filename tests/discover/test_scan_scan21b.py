"""scan21b: an architecture registry, a map from a config ``model_type`` to the class that implements it (``"bert" =>
["BertModel", BertModel]``), names architectures, not models; a map from a model id to the client that serves it is
still a model table. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_REGISTRY_RB = '''\
module Encoders
  class BertModel; end
  class DebertaV2Model; end
  class Gpt2LMHeadModel; end
  class RobertaForSequenceClassification; end

  MODEL_MAPPING_NAMES = {
    "bert" => ["BertModel", BertModel],
    "deberta-v2" => ["DebertaV2Model", DebertaV2Model],
    "gpt2" => Gpt2LMHeadModel
  }

  MODEL_FOR_SEQUENCE_CLASSIFICATION_MAPPING_NAMES = {
    "roberta" => ["RobertaForSequenceClassification", RobertaForSequenceClassification]
  }

  MODELS = {
    "gpt-4o" => OpenAIChat,
    "claude-3-5-sonnet-20241022" => ["AnthropicChat", AnthropicChat]
  }
end
'''


def test_architecture_registry_keys_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "lib/encoders/models.rb", _REGISTRY_RB)
    raws = {raw for _, raw in got}
    assert not raws & {"bert", "deberta-v2", "gpt2", "roberta"}
    # a model id keyed to the client class that serves it is a model table all the same
    assert (18, "gpt-4o") in got
    assert (19, "claude-3-5-sonnet-20241022") in got
