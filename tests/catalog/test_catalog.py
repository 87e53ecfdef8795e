"""The shipped catalogs: every row readable, sourced, and consistent with the cloud facts it names."""

from __future__ import annotations

import dataclasses

import pytest

from inferline.catalog import GpuType, builtin_gpu_types, gpu_models, merge_gpu_types, models, parse_gpu_csv, reference_throughput
from inferline.clouds import CATALOG, CLOUDS


@pytest.mark.parametrize("row", builtin_gpu_types(), ids=lambda row: f"{row.cloud}:{row.instance_type}")
def test_every_gpu_row_is_sourced_and_names_known_regions_and_gpu_facts(row: GpuType) -> None:
    assert row.source
    assert row.regions <= CATALOG[row.cloud].regions, sorted(row.regions - CATALOG[row.cloud].regions)
    assert row.gpu_model in gpu_models()
    assert row.interconnect in ("nvlink", "pcie")


def test_every_cloud_has_a_catalog_file() -> None:
    assert sorted({row.cloud for row in builtin_gpu_types()}) == sorted(CLOUDS)


def test_instance_types_are_unique_per_cloud() -> None:
    keys = [(row.cloud, row.instance_type) for row in builtin_gpu_types()]
    assert len(keys) == len(set(keys))


def test_the_model_catalog_has_deepseek_r1_and_its_distilled_models() -> None:
    assert list(models()) == [
        "DeepSeek-R1", "DeepSeek-R1-Distill-Qwen-1.5B", "DeepSeek-R1-Distill-Qwen-7B", "DeepSeek-R1-Distill-Llama-8B",
        "DeepSeek-R1-Distill-Qwen-14B", "DeepSeek-R1-Distill-Qwen-32B", "DeepSeek-R1-Distill-Llama-70B",
    ]
    r1 = models()["DeepSeek-R1"]
    assert (r1.parameters_b, r1.active_parameters_b, r1.layers, r1.kv_latent_dim, r1.max_context) == (671, 37, 61, 576, 163840)
    assert all(model.source for model in models().values())


def test_the_reference_table_holds_only_sourced_rows() -> None:
    assert all(row.source and row.model in models() and row.gpu_model in gpu_models() for row in reference_throughput())


def test_an_override_replaces_the_row_of_the_same_cloud_and_type_and_others_are_added() -> None:
    base = builtin_gpu_types()
    g5 = next(row for row in base if row.instance_type == "g5.xlarge")
    cheaper = dataclasses.replace(g5, price_per_hour=0.9)
    extra = dataclasses.replace(g5, instance_type="g9.xlarge")
    merged = merge_gpu_types(base, [cheaper, extra])
    assert len(merged) == len(base) + 1
    assert next(row for row in merged if row.instance_type == "g5.xlarge").price_per_hour == 0.9


def test_a_cloud_file_reads_without_a_cloud_column() -> None:
    text = "\n".join([
        "instance_type,gpu_model,gpus,gpu_memory_gb,vcpu,ram_gb,nvme_gb,interconnect,multi_node,regions,regions_verified,price_per_hour,price_source,source,verified",
        "x.large,L4,1,24,,,,pcie,yes,us-east-1 us-west-2,yes,,,test,yes",
    ])
    (row,) = parse_gpu_csv(text, "test.csv", "aws")
    assert (row.cloud, row.vcpu, row.multi_node, row.regions) == ("aws", None, True, frozenset({"us-east-1", "us-west-2"}))
