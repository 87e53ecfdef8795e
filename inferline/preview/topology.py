"""The interconnect in the preview: a links table, a primary/backup path per pair, and a Graphviz picture."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from inferline.planning.stack import StackPlan
from inferline.planning.topology import documentation_addresses

#: Edge style per link kind in the picture.
EDGE_STYLES = {
    "dedicated": 'style=bold, color="#1f6feb"',
    "transit": 'style=bold, color="#2da44e"',
    "peering": 'style=solid, color="#6e7781"',
    "vpn": 'style=dashed, color="#cf222e"',
    # The customer's own network between hubs: no cloud resource, drawn so the paths through it can be followed.
    "backbone": 'style=bold, color="#8250df"',
}


def render_links(plan: StackPlan) -> str:
    links = plan.topology.links
    if not links:
        return "links: none (no hubs or links configured)"
    rows = [("kind", "from", "to", "Mbps", "role", "BGP /30", "ASNs")]
    for link in links:
        bgp = link.bgp.cidr if link.bgp else "-"
        rows.append((link.kind, link.a.name, link.b.name, str(link.bandwidth_mbps), link.role, bgp, f"{link.a.asn}/{link.b.asn}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["links"] + ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    paths = plan.topology.paths()
    if paths:
        lines.append("paths")
        lines += [f"  {a} <-> {b}: primary {primary}; backup {backup}" for a, b, primary, backup in paths]
    lines += [
        f"warning: hub '{hub}' public_ip {address} is a documentation address (RFC 5737): a VPN to it never comes up; "
        "put the router's real address before `pulumi up`"
        for hub, address in documentation_addresses(plan.config.interconnect)
    ]
    return "\n".join(lines)


def topology_dot(plan: StackPlan) -> str:
    """Sites grouped by cloud, hubs as boxes, edges styled by link kind."""
    lines = [f'graph "{plan.stack}" {{', "  rankdir=LR;", '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];']
    clouds = sorted({site.cloud for site in plan.config.sites})
    for cloud in clouds:
        lines.append(f'  subgraph "cluster_{cloud}" {{')
        lines.append(f'    label="{cloud}";')
        for site in sorted((s for s in plan.config.sites if s.cloud == cloud), key=lambda s: s.name):
            cidr = plan.addresses.sites[site.name].cidr
            style = "" if site.role == "active" else ", style=dashed"
            lines.append(f'    "{site.name}" [shape=ellipse, label="{site.name}\\n{site.region}\\n{cidr}"{style}];')
        lines.append("  }")
    for hub in plan.config.interconnect.hubs:
        lines.append(f'  "{hub.name}" [shape=box, label="{hub.name}\\n{hub.location}\\nAS{hub.asn}"];')
    for link in plan.topology.links:
        label = f"{link.kind} {link.bandwidth_mbps} Mbps" + (" (backup)" if link.role == "backup" else "")
        lines.append(f'  "{link.a.name}" -- "{link.b.name}" [{EDGE_STYLES[link.kind]}, label="{label}"];')
    for a, b in plan.topology.backbone:
        lines.append(f'  "{a.name}" -- "{b.name}" [{EDGE_STYLES["backbone"]}, label="backbone"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_graph(path: Path, plan: StackPlan) -> Path:
    """Render to SVG or PNG when `dot` is installed and the path asks for it; otherwise write DOT text.
    Returns the file written."""
    dot = topology_dot(plan)
    fmt = path.suffix.lstrip(".").lower()
    if fmt in ("svg", "png"):
        program = shutil.which("dot")
        if program is not None:
            subprocess.run([program, f"-T{fmt}", "-o", str(path)], input=dot, text=True, check=True, timeout=60)
            return path
        path = path.with_suffix(".dot")
    path.write_text(dot, encoding="utf-8")
    return path
