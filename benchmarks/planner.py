"""Planning time: `plan_stack` on generated stacks, with and without serving (the capacity planner's share).

In one process, after a warm-up run (the catalogs are read once per process): the median of --repeat runs of
`plan_stack` for generated prod stacks of 1, 4, 16 and 64 sites rotating over the five clouds (the same sites
as benchmarks/preview.py), planned once without `inferline:serving` and once with the distilled 7B model in
bf16. Prints a table; nothing is asserted. Usage: python benchmarks/planner.py [--sizes 1 4 16 64] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from inferline.config.loader import parse_config
from inferline.planning.stack import plan_stack

SITE_TEMPLATES = [
    ("aws", "us-east-1", ["us-east-1a", "us-east-1b"]),
    ("alicloud", "cn-hangzhou", ["cn-hangzhou-h", "cn-hangzhou-i"]),
    ("tencentcloud", "ap-guangzhou", ["ap-guangzhou-3", "ap-guangzhou-4"]),
    ("huaweicloud", "cn-north-4", ["cn-north-4a", "cn-north-4b"]),
    ("volcengine", "cn-beijing", ["cn-beijing-a", "cn-beijing-b"]),
]
SERVING = {"model": "DeepSeek-R1-Distill-Qwen-7B", "precision": "bf16", "tokens_per_request": {"prompt": 256, "output": 8}}


def stack_values(size: int, serving: bool) -> dict[str, Any]:
    sites = []
    for index in range(size):
        cloud, region, zones = SITE_TEMPLATES[index % len(SITE_TEMPLATES)]
        sites.append({"name": f"s{index:02d}-{cloud[:5]}", "cloud": cloud, "region": region, "zones": zones, "slot": index})
    values: dict[str, Any] = {"environment": "prod", "profile": {"name": "ecommerce-recsys", "gpu_memory_gb": 24}, "sites": sites}
    if serving:
        # The nodes' server digest and, outside AWS, their VM image: stand-ins, the planner only checks their form.
        images = {site["name"]: f"image-{site['name']}" for site in sites if site["cloud"] != "aws"}
        values["serving"] = {**SERVING, "image_digest": "sha256:" + "0" * 64, "node_images": images}
    return values


def median_seconds(values: dict[str, Any], repeat: int) -> tuple[float, int]:
    config = parse_config(values)
    plan_stack(config, "bench")  # warm-up: catalogs and caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        plan = plan_stack(config, "bench")
        times.append(time.perf_counter() - start)
    return statistics.median(times), sum(len(site.pools) for site in plan.sites.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| Sites | Pools | plan_stack without serving | with serving | capacity planning |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        without, _ = median_seconds(stack_values(size, serving=False), args.repeat)
        with_serving, pools = median_seconds(stack_values(size, serving=True), args.repeat)
        print(f"| {size} | {pools} | {without * 1000:.1f} ms | {with_serving * 1000:.1f} ms | {(with_serving - without) * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
