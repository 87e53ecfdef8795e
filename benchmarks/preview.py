"""Offline preview wall time and peak memory for stacks of 1, 4, 16 and 64 sites.

Each run is a fresh `inferline preview` process (as a user or CI runs it) on a generated prod stack whose
sites rotate over the five clouds, two zones each, one NAT gateway per zone, flow logs on. Prints a table
of medians over --repeat runs. Usage: python benchmarks/preview.py [--sizes 1 4 16 64] [--repeat 3]
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


def run_once(stack_file: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB, and resources previewed, for one fresh process."""
    command = [sys.executable, "-m", "inferline.cli", "preview", "--config", str(stack_file), "--quiet"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    output = process.stdout.read() if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"preview of {stack_file} failed:\n{output}")
    total = next(int(line.split()[-1]) for line in output.splitlines() if line.startswith("total"))
    return elapsed, usage.ru_maxrss / 1024, total  # ru_maxrss is KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; medians of {args.repeat} runs")
    print(f"{'sites':>5}  {'cloud resources':>15}  {'wall s':>7}  {'peak RSS MiB':>12}")
    with tempfile.TemporaryDirectory() as directory:
        run_once(_write(Path(directory), 1))  # warm the file cache and bytecode once
        for size in args.sizes:
            stack_file = _write(Path(directory), size)
            runs = [run_once(stack_file) for _ in range(args.repeat)]
            wall = statistics.median(run[0] for run in runs)
            rss = statistics.median(run[1] for run in runs)
            print(f"{size:>5}  {runs[0][2]:>15}  {wall:>7.2f}  {rss:>12.0f}")


def _write(directory: Path, size: int) -> Path:
    path = directory / f"Pulumi.bench{size}.yaml"
    path.write_text(yaml.safe_dump(stack_document(size)))
    return path


if __name__ == "__main__":
    main()
