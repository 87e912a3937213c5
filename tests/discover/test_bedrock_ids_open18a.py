"""Amazon Bedrock model ids of the providers added after the first Bedrock rule, and ids without ``-vN``.

Bedrock's ids are ``[<geo>.]<vendor>.<name>[-v<N>][:<M>]``; the vendors are the providers of Bedrock's "models at a
glance" table (https://docs.aws.amazon.com/bedrock/latest/userguide/model-cards.html, as_of 2026-12-05): MiniMax,
Z.AI, Writer, NVIDIA, Qwen, OpenAI, Google among them, and the newer ids drop the ``-v1:0`` tail
(``deepseek.v3.2``, ``anthropic.claude-sonnet-4-6``). An app's catalogue test lists them as bare strings in
objects and ``expect`` calls, where no model key says what they are: the shape is the evidence. A dotted module,
settings or host name after a vendor word (``openai.types.chat.v1``, ``amazon.s3``, ``google.golang.org``) and a
digitless route name (``anthropic.claude-cache-matrix``) stay nothing.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_TS = """\
import { pickProfile } from '../src/profiles'

const catalogue = [
    { id: 'minimax.minimax-m2.5', maxTokens: 8192 },
    { id: 'zai.glm-5', maxTokens: 8192 },
    { id: 'writer.palmyra-x5-v1:0', geos: ['us'] },
    { id: 'nvidia.nemotron-nano-9b-v2' },
    { id: 'qwen.qwen3-32b-v1:0' },
    { id: 'deepseek.v3.2', stopSequences: false },
    { id: 'openai.gpt-oss-20b-1:0', stopSequences: false },
    { id: 'google.gemma-3-4b-it' }
]

describe('profiles', () => {
    it('keeps the geography prefix', () => {
        expect(pickProfile('eu.anthropic.claude-sonnet-4-6')).toBe('anthropic.claude-sonnet-4-6')
        expect(pickProfile('ca.amazon.nova-lite-v1:0')).toBeDefined()
    })
    it('leaves other dotted names alone', () => {
        const mod = 'openai.types.chat.v1'
        const svc = 'amazon.s3'
        const host = 'google.golang.org'
        const route = 'anthropic.claude-cache-matrix'
        expect([mod, svc, host, route]).toHaveLength(4)
    })
})
"""


def test_bedrock_ids_of_every_listed_provider_are_models(tmp_path: Path) -> None:
    assert found(tmp_path, "test/catalogue.test.ts", _TS) == {
        (4, "minimax.minimax-m2.5"), (5, "zai.glm-5"), (6, "writer.palmyra-x5-v1:0"),
        (7, "nvidia.nemotron-nano-9b-v2"), (8, "qwen.qwen3-32b-v1:0"), (9, "deepseek.v3.2"),
        (10, "openai.gpt-oss-20b-1:0"), (11, "google.gemma-3-4b-it"),
        (16, "eu.anthropic.claude-sonnet-4-6"), (16, "anthropic.claude-sonnet-4-6"),
        (17, "ca.amazon.nova-lite-v1:0"),
    }
