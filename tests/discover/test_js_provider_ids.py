"""A provider's id is no model, even where it is spelt like one (issue 10, held-out-10 cline).

Moonshot's coding plan is served as the API model name ``kimi-for-coding``, and coding agents list a provider of
the same spelling. In a provider table the name the string sits under says what it is: a ``providerId`` /
``modelsProviderId`` value, an entry of a ``PROVIDER_IDS`` list or a ``ProviderName`` union, and the ``id`` of a
record that names its own default model (``defaultModelId``) are who serves models; ``model: "kimi-for-coding"``
is still the model sent to the API.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_IDS = """\
// generated from the provider catalogue
export const GENERATED_PROVIDER_IDS = [
\t"kilo",
\t"kimi-for-coding",
\t"kosmik",
] as const;
"""

_UNION = """\
export type ProviderId = "kimi-for-coding" | "moonshot-v1";
"""

_REGISTRY = """\
export const PROVIDERS = [
\t{
\t\tid: "kimi-for-coding",
\t\tname: "Kimi For Coding",
\t\tfamily: "anthropic",
\t\tmodelsProviderId: "kimi-for-coding",
\t\tdefaultModelId: "k2-turbo",
\t\tapiKeyEnv: ["KIMI_API_KEY"],
\t\tdefaults: { baseUrl: "https://api.kimi.com/coding/v1" },
\t},
];

export const session = { providerId: "kimi-for-coding", model: "kimi-for-coding" };

export async function ask(client) {
\treturn client.messages.create({ model: "kimi-for-coding", max_tokens: 64, messages: [] });
}
"""


def test_provider_id_list_names_no_model(tmp_path: Path) -> None:
    assert found(tmp_path, "src/providers/provider-ids.ts", _IDS) == set()


def test_provider_id_union_names_no_model(tmp_path: Path) -> None:
    assert found(tmp_path, "src/providers/provider-id.ts", _UNION) == set()


def test_provider_record_id_is_no_model_but_the_model_key_is(tmp_path: Path) -> None:
    assert found(tmp_path, "src/providers/providers.ts", _REGISTRY) == {
        (7, "k2-turbo"), (13, "kimi-for-coding"), (16, "kimi-for-coding")}
