"""A site's customer-managed key as the resources that take it see it.

The key is declared first in a site (``SiteSecurity``), before the network, whose flow-log store is encrypted
with it; both components take this neutral view of it."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi

from inferline.clouds import CloudName


@dataclass
class EncryptionContext:
    """A site's customer-managed key, as GPU node disks, log stores, buckets and secrets take it."""

    cloud: CloudName
    key_id: pulumi.Output[str]
    # The key's ARN (AWS, Alibaba) or TRN (Volcano Engine), where the cloud has one besides the id.
    key_arn: pulumi.Output[str] | None = None
