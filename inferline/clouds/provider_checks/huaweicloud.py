"""What the huaweicloud provider's own check refuses in the values inferline sets (see the package docstring)."""

from __future__ import annotations

from inferline.clouds.provider_checks import Table

RULES: Table = {}
