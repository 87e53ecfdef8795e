"""Offline preview against bare Pulumi mocks: wall time and peak memory, for generated and shipped stacks.

Each run is a fresh process (as a user or CI runs it). The preview is `inferline preview --quiet`; the
baseline is `benchmarks/bare.py`, the same stack program registering the same resources under bare mocks,
with no recording, policies or rendering. The ratio of the two wall times is the preview's overhead.

Stacks: generated prod stacks of 1, 4, 16 and 64 sites rotating over the five clouds (two zones each, one NAT
gateway per zone, flow logs on), and the shipped prod stack (stacks/Pulumi.prod.yaml). Prints a table of
medians over --repeat runs of each. Usage: python benchmarks/preview.py [--sizes 1 4 16 64] [--repeat 3] [--no-prod]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PROD_STACK = ROOT / "stacks" / "Pulumi.prod.yaml"
SITE_TEMPLATES = [
    ("aws", "us-east-1", ["us-east-1a", "us-east-1b"]),
    ("alicloud", "cn-hangzhou", ["cn-hangzhou-h", "cn-hangzhou-i"]),
    ("tencentcloud", "ap-guangzhou", ["ap-guangzhou-3", "ap-guangzhou-4"]),
    ("huaweicloud", "cn-north-4", ["cn-north-4a", "cn-north-4b"]),
    ("volcengine", "cn-beijing", ["cn-beijing-a", "cn-beijing-b"]),
]


def stack_document(size: int) -> dict[str, object]:
    sites = []
    for index in range(size):
        cloud, region, zones = SITE_TEMPLATES[index % len(SITE_TEMPLATES)]
        sites.append({"name": f"s{index:02d}-{cloud[:5]}", "cloud": cloud, "region": region, "zones": zones, "slot": index})
    return {"config": {"inferline:environment": "prod", "inferline:profile": {"name": "financial-risk"}, "inferline:sites": sites}}


def preview_command(stack_file: Path) -> list[str]:
    return [sys.executable, "-m", "inferline.cli", "preview", "--config", str(stack_file), "--quiet"]


def bare_command(stack_file: Path) -> list[str]:
    return [sys.executable, str(ROOT / "benchmarks" / "bare.py"), str(stack_file)]


def run_once(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB, and cloud resources registered, for one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    output = process.stdout.read() if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output}")
    total = next(int(line.split()[-1]) for line in output.splitlines() if line.startswith("total"))
    return elapsed, usage.ru_maxrss / 1024, total  # ru_maxrss is KiB on Linux


def measure(label: str, stack_file: Path, repeat: int) -> None:
    """Preview and baseline runs alternate, so that both see the same machine."""
    previews, bares = [], []
    for _ in range(repeat):
        previews.append(run_once(preview_command(stack_file)))
        bares.append(run_once(bare_command(stack_file)))
    if previews[0][2] != bares[0][2]:
        raise SystemExit(f"{label}: the preview counted {previews[0][2]} cloud resources, bare mocks {bares[0][2]}")
    preview_wall = statistics.median(run[0] for run in previews)
    bare_wall = statistics.median(run[0] for run in bares)
    preview_rss = statistics.median(run[1] for run in previews)
    bare_rss = statistics.median(run[1] for run in bares)
    print(
        f"{label:>5}  {previews[0][2]:>9}  {preview_wall:>9.2f}  {bare_wall:>6.2f}  {preview_wall / bare_wall:>5.2f}x"
        f"  {preview_rss:>11.0f}  {bare_rss:>8.0f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 4, 16, 64])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-prod", dest="prod", action="store_false", help="skip the shipped prod stack")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; medians of {args.repeat} runs")
    print("wall time in s and peak RSS in MiB of `inferline preview` and of the same program under bare mocks")
    print(f"{'sites':>5}  {'resources':>9}  {'preview s':>9}  {'bare s':>6}  {'ratio':>6}  {'preview MiB':>11}  {'bare MiB':>8}")
    with tempfile.TemporaryDirectory() as directory:
        run_once(preview_command(_write(Path(directory), 1)))  # warm the file cache once
        for size in args.sizes:
            measure(str(size), _write(Path(directory), size), args.repeat)
    if args.prod:
        measure("prod", PROD_STACK, args.repeat)


def _write(directory: Path, size: int) -> Path:
    path = directory / f"Pulumi.bench{size}.yaml"
    path.write_text(yaml.safe_dump(stack_document(size)))
    return path


if __name__ == "__main__":
    main()
