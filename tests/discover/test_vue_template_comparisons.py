"""A Vue template's comparison with a model name (scan16b, found on the opened held-out-13).

``<n-button :disabled="form.modelName == 'dall-e-2'">`` compares the model setting with a literal, as
``if (form.modelName == 'dall-e-2')`` in the ``<script>`` block would: the bound attribute's or condition's expression
(``:attr``, ``v-bind:attr``, ``v-if``, ``v-else-if``, ``v-show``) is JavaScript, read in place. Other template
expressions (``v-for``, event handlers, text interpolation) are left out, and a comparison with a variable that does
not name a model is nothing.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_VUE = """\
<template>
  <div>
    <n-button
      v-for="item in qualityList"
      :key="item"
      :disabled="form.modelName == 'dall-e-2'"
      :type="form.quality == item.value ? 'success' : 'default'"
    >{{ item.label }}</n-button>
    <n-button
      :disabled="
        form.modelName != 'cogview-3-plus' && item.value == '1024x1792'
      "
    />
    <span v-if="theme === 'dark-v2'">dark</span>
  </div>
</template>

<script lang="ts" setup>
  import { reactive } from 'vue';
  const form = reactive({ modelName: 'dall-e-3', quality: 'standard' });
</script>
"""


def test_template_comparisons_with_a_model_setting(tmp_path: Path) -> None:
    got = found(tmp_path, "src/views/image/Dall.vue", _VUE)
    assert got == {(6, "dall-e-2"), (11, "cogview-3-plus"), (20, "dall-e-3")}, got
