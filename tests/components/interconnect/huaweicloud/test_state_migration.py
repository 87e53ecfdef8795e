"""Stacks recorded before the rename name their dynamic providers `components.interconnect.huaweicloud.*`."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import dill
from pulumi.dynamic.dynamic import serialize_provider

from inferline.components.interconnect.huaweicloud import dc, vpn
from inferline.state_migration import SECRET_SIG, migrate_blob, migrate_deployment

ROOT = Path(__file__).resolve().parents[4]
#: serialize_provider() output of inferline 0.1 (top-level `components`), as its stacks recorded it.
OLD = {
    "vpn_gateway": "gASVRQAAAAAAAACMJ2NvbXBvbmVudHMuaW50ZXJjb25uZWN0Lmh1YXdlaWNsb3VkLnZwbpSMElZwbkdhdGV3YXlQcm92aWRlcpSTlCmBlC4=",
    "virtual_interface": (
        "gASVfwAAAAAAAACMJmNvbXBvbmVudHMuaW50ZXJjb25uZWN0Lmh1YXdlaWNsb3VkLmRjlIwYVmlydHVhbEludGVyZmFjZVByb3ZpZGVylJOUKYGU"
        "fZQojA9wb2xsX2ludGVydmFsX3OUR0AUAAAAAAAAjAl0aW1lb3V0X3OUR0CMIAAAAAAAdWIu"
    ),
}


def test_an_old_provider_cannot_be_loaded_where_the_dynamic_provider_runs() -> None:
    # `pulumi.dynamic` runs with the program's directory (stacks/) as working directory, where no top-level
    # `components` exists any more (from the repo root the folder itself would still be found).
    code = f"import base64, dill; dill.loads(base64.b64decode({OLD['vpn_gateway']!r}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "stacks", capture_output=True, text=True)
    assert result.returncode != 0
    assert "No module named 'components'" in result.stderr


def test_migration_records_exactly_what_the_program_now_records() -> None:
    assert migrate_blob(OLD["vpn_gateway"]) == serialize_provider(vpn.VpnGatewayProvider())
    assert migrate_blob(OLD["virtual_interface"]) == serialize_provider(dc.VirtualInterfaceProvider(timeout_s=900.0))
    provider = dill.loads(base64.b64decode(migrate_blob(OLD["virtual_interface"]) or ""))
    assert type(provider) is dc.VirtualInterfaceProvider
    assert vars(provider) == {"timeout_s": 900.0, "poll_interval_s": 5.0}
    assert migrate_blob(serialize_provider(vpn.VpnGatewayProvider())) is None


def test_migration_rewrites_inputs_outputs_and_plaintext_secrets_of_an_export() -> None:
    secret = {SECRET_SIG: "1b47061264138c4ac30d75fd1eb44270", "plaintext": json.dumps(OLD["virtual_interface"])}
    exported = {
        "version": 3,
        "deployment": {
            "resources": [
                {"urn": "urn:gw", "type": "pulumi-python:dynamic/huaweicloud:VpnGateway",
                 "inputs": {"__provider": OLD["vpn_gateway"]}, "outputs": {"__provider": OLD["vpn_gateway"], "id": "x"}},
                {"urn": "urn:vif", "type": "pulumi-python:dynamic/huaweicloud:VirtualInterface",
                 "inputs": {"__provider": dict(secret)}, "outputs": {"__provider": dict(secret)}},
                {"urn": "urn:vpc", "type": "huaweicloud:Vpc/vpc:Vpc", "inputs": {}, "outputs": {}},
            ]
        },
    }
    assert migrate_deployment(exported) == ["urn:gw", "urn:vif"]
    gateway, interface, _ = exported["deployment"]["resources"]
    assert gateway["outputs"]["__provider"] == serialize_provider(vpn.VpnGatewayProvider())
    assert json.loads(interface["outputs"]["__provider"]["plaintext"]) == serialize_provider(dc.VirtualInterfaceProvider(timeout_s=900.0))
    assert migrate_deployment(exported) == []
