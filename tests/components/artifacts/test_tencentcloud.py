"""tencentcloud artifacts: every child with its exact inputs, wired to the site, relaxed outside prod.

The expected inputs were reviewed one by one against the adapter's docstring and the sources it cites; the
policy documents are compared parsed.
"""

from __future__ import annotations

from inferline.components.artifacts.adapters.tencentcloud import TencentcloudArtifacts
from tests.components.artifacts.support import assert_wired, build_artifacts, children, normalised

REGION = "ap-guangzhou"
ZONES = ('ap-guangzhou-3', 'ap-guangzhou-4')

EXPECTED: dict[str, tuple[str, bool, dict[str, object]]] = {'site-a-models': ('tencentcloud:Cos/bucket:Bucket',
                   True,
                   {'acl': 'private',
                    'bucket': 'inferline-te-c4e8d3-1250000000',
                    'encryptionAlgorithm': 'KMS',
                    'forceClean': False,
                    'kmsId': 'key-74be72dbba13b5526',
                    'tags': {'inferline-site': 'site-a'},
                    'versioningEnable': True}),
 'site-a-node-policy': ('tencentcloud:Cam/policy:Policy',
                        False,
                        {'description': 'Least privilege of the GPU nodes of inferline site site-a',
                         'document': {'statement': [{'action': ['name/tcr:CreateInstanceToken'],
                                                     'effect': 'allow',
                                                     'resource': ['qcs::tcr:ap-guangzhou:uin/100000000001:instance/instance-a76a465b1759fd4df']},
                                                    {'action': ['name/tcr:PullRepository'],
                                                     'effect': 'allow',
                                                     'resource': ['qcs::tcr:ap-guangzhou:uin/100000000001:repository/instance-a76a465b1759fd4df/inferline-test-site-a/inference-server']},
                                                    {'action': ['name/cos:GetBucket'],
                                                     'effect': 'allow',
                                                     'resource': ['qcs::cos:ap-guangzhou:uid/1250000000:inferline-te-c4e8d3-1250000000/']},
                                                    {'action': ['name/cos:GetObject'],
                                                     'effect': 'allow',
                                                     'resource': ['qcs::cos:ap-guangzhou:uid/1250000000:inferline-te-c4e8d3-1250000000/models/*']},
                                                    {'action': ['name/ssm:GetSecretValue'],
                                                     'effect': 'allow',
                                                     'resource': ['qcs::ssm:ap-guangzhou:uin/100000000001:secret/creatorUin/100000000001/inferline-test-site-a-serving-token']},
                                                    {'action': ['name/kms:Decrypt'],
                                                     'effect': 'allow',
                                                     'resource': ['qcs::kms:ap-guangzhou:uin/100000000001:key/creatorUin/100000000001/key-74be72dbba13b5526']}],
                                      'version': '2.0'},
                         'name': 'inferline-test-site-a-gpu-node'}),
 'site-a-node-policy-attachment': ('tencentcloud:Cam/rolePolicyAttachment:RolePolicyAttachment',
                                   False,
                                   {'policyId': 'policy-14328005f2baadb08', 'roleId': 'role-c0766213dfa793e72'}),
 'site-a-node-role': ('tencentcloud:Cam/role:Role',
                      False,
                      {'consoleLogin': False,
                       'description': 'GPU nodes of inferline site site-a',
                       'document': {'statement': [{'action': ['name/sts:AssumeRole'],
                                                   'effect': 'allow',
                                                   'principal': {'service': ['cvm.qcloud.com']}}],
                                    'version': '2.0'},
                       'name': 'inferline-test-site-a-gpu-node',
                       'tags': {'inferline-site': 'site-a'}}),
 'site-a-registry': ('tencentcloud:Tcr/instance:Instance',
                     True,
                     {'deleteBucket': False,
                      'instanceType': 'basic',
                      'name': 'inferline-test-site-a',
                      'openPublicOperation': False,
                      'registryChargeType': 1,
                      'tags': {'inferline-site': 'site-a'}}),
 'site-a-registry-namespace': ('tencentcloud:Tcr/namespace:Namespace',
                               False,
                               {'instanceId': 'instance-a76a465b1759fd4df', 'isPublic': False, 'name': 'inferline-test-site-a'}),
 'site-a-registry-vpc': ('tencentcloud:Tcr/vpcAttachment:VpcAttachment',
                         False,
                         {'enableVpcDomainDns': True,
                          'instanceId': 'instance-a76a465b1759fd4df',
                          'regionName': 'ap-guangzhou',
                          'subnetId': 'instance-711863fb56fa51e48',
                          'vpcId': 'instance-ee2627539155e408f'}),
 'site-a-repository': ('tencentcloud:Tcr/repository:Repository',
                       False,
                       {'briefDesc': 'inference server of inferline site site-a',
                        'instanceId': 'instance-a76a465b1759fd4df',
                        'name': 'inference-server',
                        'namespaceName': 'inferline-test-site-a'}),
 'site-a-serving-token': ('tencentcloud:Ssm/secret:Secret',
                          False,
                          {'description': 'Serving token of inferline site site-a: put its value yourself (version id: current)',
                           'isEnabled': True,
                           'kmsKeyId': 'key-74be72dbba13b5526',
                           'recoveryWindowInDays': 30,
                           'secretName': 'inferline-test-site-a-serving-token',
                           'tags': {'inferline-site': 'site-a'}})}


def test_every_child_and_its_exact_inputs() -> None:
    run = build_artifacts("tencentcloud", REGION, ZONES)
    assert {name: normalised(record) for name, record in children(run).items()} == EXPECTED
    assert_wired(run)


def test_outside_prod_nothing_is_protected() -> None:
    run = build_artifacts("tencentcloud", REGION, ZONES, protect=False)
    assert [name for name, record in children(run).items() if record.protect] == []

    assert children(run)["site-a-registry"].inputs["deleteBucket"] is True
    assert children(run)["site-a-models"].inputs["forceClean"] is True

def test_the_adapter_is_stateless() -> None:
    assert vars(TencentcloudArtifacts()) == {}

