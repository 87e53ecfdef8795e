"""Per-cloud facts (regions, zones, address limits) that configuration is checked against."""

from __future__ import annotations

from inferline.clouds import (
    alicloud_facts,
    aws_facts,
    huaweicloud_facts,
    tencentcloud_facts,
    volcengine_facts,
)
from inferline.clouds.catalog import CLOUDS, CloudFacts, CloudName, ReservedRange

CATALOG: dict[str, CloudFacts] = {
    facts.cloud: facts
    for facts in (
        aws_facts.FACTS,
        alicloud_facts.FACTS,
        tencentcloud_facts.FACTS,
        huaweicloud_facts.FACTS,
        volcengine_facts.FACTS,
    )
}

__all__ = ["CATALOG", "CLOUDS", "CloudFacts", "CloudName", "ReservedRange"]
