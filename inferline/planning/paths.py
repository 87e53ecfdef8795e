"""Paths between endpoints: chains of links that routes make real, ranked into a primary and a backup.

Pure. A cloud VPC does not carry traffic between its peers, so a path runs through hubs only (the customer's
routers, which route whatever they learn): a direct link between two sites, or a site's link to a hub, then the
customer's backbone between hubs, then a link to the other end. A path counts only where the routes exist: the
first link must carry the far end's networks from this end, and the last link the near end's from the far end
(``Hop.carries``); a hub routes anything.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

#: The customer's own links between hubs: never a cloud resource, so any number of paths may share one.
BACKBONE = "backbone"


@dataclass(frozen=True)
class Hop:
    """One link as paths see it. ``carries`` maps each site end to the endpoints whose networks that end routes
    over the link (a hub end is absent: hubs route anything)."""

    id: str
    kind: str
    a: str
    b: str
    bandwidth_mbps: int
    carries: Mapping[str, frozenset[str]]

    def other(self, end: str) -> str:
        return self.b if end == self.a else self.a


@dataclass(frozen=True)
class Path:
    hops: tuple[Hop, ...]
    # Every endpoint along the path, both ends included.
    nodes: tuple[str, ...]

    @property
    def hubs(self) -> tuple[str, ...]:
        """The hubs passed through (the ends excluded)."""
        return self.nodes[1:-1]

    @property
    def access(self) -> frozenset[str]:
        """Ids of the path's cloud links: those a backup must not share (the backbone is the customer's own)."""
        return frozenset(hop.id for hop in self.hops if hop.kind != BACKBONE)

    @property
    def rank(self) -> tuple[bool, int, int, str]:
        """Private links before any VPN, then fewer hubs, then fewer links; the label breaks ties."""
        return (any(hop.kind == "vpn" for hop in self.hops), len(self.hubs), len(self.hops), self.label)

    @property
    def label(self) -> str:
        """``dedicated``, ``vpn (100 Mbps)`` for one link; ``dedicated via sh-colo, hk-colo`` or ``vpn + dedicated
        via sh-colo`` (the cloud links' kinds in order, then the hubs passed through) for longer ones."""
        (first, *_) = self.hops
        if len(self.hops) == 1:
            return f"vpn ({first.bandwidth_mbps} Mbps)" if first.kind == "vpn" else first.kind
        kinds = list(dict.fromkeys(hop.kind for hop in self.hops if hop.kind != BACKBONE))
        return f"{' + '.join(kinds)} via {', '.join(self.hubs)}"


@dataclass(frozen=True)
class PathGraph:
    hops: tuple[Hop, ...]
    hubs: frozenset[str]

    def _from(self, node: str) -> Iterator[Hop]:
        return (hop for hop in self.hops if node in (hop.a, hop.b))

    def carried(self, hop_id: str, end: str) -> frozenset[str]:
        """The endpoints ``end`` routes over the hop ``hop_id``."""
        hop = next(hop for hop in self.hops if hop.id == hop_id)
        return hop.carries[end]

    def paths(self, start: str, end: str) -> list[Path]:
        """Every path from ``start`` to ``end`` (ends included in no other position, hubs visited once), best first."""
        found: list[Path] = []

        def walk(node: str, hops: tuple[Hop, ...], nodes: tuple[str, ...]) -> None:
            for hop in self._from(node):
                nxt = hop.other(node)
                if nxt == end:
                    found.append(Path((*hops, hop), (*nodes, nxt)))
                elif nxt in self.hubs and nxt not in nodes:
                    walk(nxt, (*hops, hop), (*nodes, nxt))

        walk(start, (), (start,))
        routed = [path for path in found if _routed(path)]
        return sorted(routed, key=lambda path: path.rank)

    def primary_and_backup(self, start: str, end: str) -> tuple[Path | None, Path | None]:
        """The best path, and the best one sharing no cloud link with it."""
        paths = self.paths(start, end)
        if not paths:
            return None, None
        primary = paths[0]
        backup = next((path for path in paths[1:] if not path.access & primary.access), None)
        return primary, backup


def _routed(path: Path) -> bool:
    """The near end routes the far end over its first link, and the far end the near end over its last one."""
    first, last = path.hops[0], path.hops[-1]
    start, end = path.nodes[0], path.nodes[-1]
    outbound = first.carries.get(start)
    inbound = last.carries.get(end)
    return (outbound is None or end in outbound) and (inbound is None or start in inbound)
