"""Two values beside model settings that name no model: a provider written as a dotted namespaced key
(``'model' => $this->model ?: 'aws.bedrock'``, the fallback a reply reports when no model was set) and an HTTP API's
version path returned by a model class (``getApiVersionPath(): 'api/v3'``). A provider-prefixed id whose version is
its name (``deepseek/v3``) stays a model. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.peers import is_provider_name
from tests.discover.scan_helpers import found

_PHP = '''\
<?php

namespace Acme\\Llm\\Model;

class VolcanoModel extends AbstractModel
{
    protected function getApiVersionPath(): string
    {
        return 'api/v3';
    }

    public function chunk(array $delta): array
    {
        return [
            'object' => 'chat.completion.chunk',
            'model' => $this->model ?: 'aws.bedrock',
            'choices' => [$delta],
        ];
    }

    public function fallback(): array
    {
        return ['model' => $this->model ?: 'deepseek/v3'];
    }
}
'''


def test_provider_key_and_api_path_are_no_models(tmp_path: Path) -> None:
    got = found(tmp_path, "src/Model/VolcanoModel.php", _PHP)
    assert (9, "api/v3") not in got and (16, "aws.bedrock") not in got
    assert (23, "deepseek/v3") in got


def test_dotted_provider_names() -> None:
    assert is_provider_name("aws.bedrock") and is_provider_name("azure.openai") and is_provider_name("aws_bedrock")
    assert not is_provider_name("qwen2.5") and not is_provider_name("gpt-4.1")
