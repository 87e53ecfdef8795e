"""Resource names. A Pulumi name is part of a URN, and a URN is a promise to users: the functions
here must keep returning the same name for the same inputs. Change them only with an alias."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

#: Prefix of every name inferline gives a resource on the cloud side.
PROJECT_PREFIX = "inferline"
#: Shortest cloud-side name limit among the resources inferline creates (Tencent CLS and several
#: Huawei resources take 64 characters; 60 leaves room for a cloud's own suffixes).
DEFAULT_CLOUD_NAME_LIMIT = 60
_HASH_CHARS = 6


@dataclass(frozen=True)
class Names:
    """Names of one site's resources in one stack."""

    stack: str
    site: str

    def resource(self, *parts: str) -> str:
        """Pulumi logical name: ``{site}-{role}[-{zone}]``. Independent of the site's position in the stack."""
        return "-".join((self.site, *parts))

    def cloud(self, *parts: str, limit: int = DEFAULT_CLOUD_NAME_LIMIT, separator: str = "-") -> str:
        """Name shown in the cloud console: ``inferline-{stack}-{site}-{role}``, shortened with a stable hash."""
        name = separator.join((PROJECT_PREFIX, self.stack, self.site, *parts))
        return shorten(name, limit)


def shorten(name: str, limit: int) -> str:
    """Cut ``name`` to ``limit`` characters, replacing the tail with a hash of the full name."""
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:_HASH_CHARS]
    head = re.sub(r"[^a-zA-Z0-9]+$", "", name[: limit - _HASH_CHARS - 1])
    return f"{head}-{digest}"


def cidr_slug(cidr: str) -> str:
    """A CIDR as a name part (``10.1.0.0/16`` -> ``10.1.0.0-16``): rules and routes are named by what they
    admit or reach, so adding a network never renames another. Route names made with it are recorded in
    stacks: never change the spelling."""
    return cidr.replace("/", "-")
