"""huaweicloud artifacts: every child with its exact inputs, wired to the site, relaxed outside prod.

The expected inputs were reviewed one by one against the adapter's docstring and the sources it cites; the
policy documents are compared parsed.
"""

from __future__ import annotations

from inferline.components.artifacts.adapters.huaweicloud import HuaweicloudArtifacts
from tests.components.artifacts.support import assert_wired, build_artifacts, children, normalised

REGION = "cn-east-3"
ZONES = ('cn-east-3a', 'cn-east-3b')

EXPECTED: dict[str, tuple[str, bool, dict[str, object]]] = {'site-a-models': ('huaweicloud:Obs/bucket:Bucket',
                   True,
                   {'acl': 'private',
                    'bucket': 'inferline-test-site-a-models-key-53e360f6561432b28',
                    'encryption': True,
                    'forceDestroy': False,
                    'kmsKeyId': 'key-53e360f6561432b28',
                    'sseAlgorithm': 'kms',
                    'tags': {'inferline-site': 'site-a'},
                    'versioning': True}),
 'site-a-node-agency': ('huaweicloud:Iam/agency:Agency',
                        False,
                        {'delegatedServiceName': 'op_svc_ecs',
                         'description': 'GPU nodes of inferline site site-a',
                         'name': 'inferline-test-site-a-gpu-node',
                         'projectRoles': [{'project': 'cn-east-3', 'roles': ['inferline-test-site-a-gpu-node']}]}),
 'site-a-node-policy': ('huaweicloud:Iam/role:Role',
                        False,
                        {'description': 'Least privilege of the GPU nodes of inferline site site-a',
                         'name': 'inferline-test-site-a-gpu-node',
                         'policy': {'Statement': [{'Action': ['swr::createLoginSecret'], 'Effect': 'Allow'},
                                                  {'Action': ['swr:repo:download'],
                                                   'Effect': 'Allow',
                                                   'Resource': ['SWR:*:*:repository:inferline-test-site-a/inference-server']},
                                                  {'Action': ['obs:bucket:ListBucket'],
                                                   'Effect': 'Allow',
                                                   'Resource': ['OBS:*:*:bucket:inferline-test-site-a-models-key-53e360f6561432b28']},
                                                  {'Action': ['obs:object:GetObject'],
                                                   'Effect': 'Allow',
                                                   'Resource': ['OBS:*:*:object:inferline-test-site-a-models-key-53e360f6561432b28/models/*']},
                                                  {'Action': ['csms:secret:getVersion'],
                                                   'Effect': 'Allow',
                                                   'Resource': ['csms:*:*:secret:inferline-test-site-a-serving-token']},
                                                  {'Action': ['kms:cmk:decrypt'],
                                                   'Effect': 'Allow',
                                                   'Resource': ['KMS:*:*:KeyId:key-53e360f6561432b28']}],
                                    'Version': '1.1'},
                         'type': 'XA'}),
 'site-a-registry-namespace': ('huaweicloud:Swr/organization:Organization', True, {'name': 'inferline-test-site-a'}),
 'site-a-repository': ('huaweicloud:Swr/repository:Repository',
                       True,
                       {'category': 'app_server',
                        'description': 'inference server of inferline site site-a',
                        'isPublic': False,
                        'name': 'inference-server',
                        'organization': 'inferline-test-site-a'})}


def test_every_child_and_its_exact_inputs() -> None:
    run = build_artifacts("huaweicloud", REGION, ZONES)
    assert {name: normalised(record) for name, record in children(run).items()} == EXPECTED
    assert_wired(run)


def test_outside_prod_nothing_is_protected() -> None:
    run = build_artifacts("huaweicloud", REGION, ZONES, protect=False)
    assert [name for name, record in children(run).items() if record.protect] == []

    assert children(run)["site-a-models"].inputs["forceDestroy"] is True

def test_the_adapter_is_stateless() -> None:
    assert vars(HuaweicloudArtifacts()) == {}

