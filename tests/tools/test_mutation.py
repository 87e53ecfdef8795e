"""The mutation summary: killed share per area, survivors listed, an area left out of the run reported as not run."""

from __future__ import annotations

from tools.mutation import summarise

PLANNING = "inferline.planning.addresses.x__site_block__mutmut_"
POLICIES = "inferline.policies.rules.keys.x_check_key_rotation__mutmut_"


def test_a_full_run_scores_both_areas_and_lists_what_was_not_killed() -> None:
    output = "\n".join(
        [
            f"    {PLANNING}1: killed",
            f"    {PLANNING}2: timeout",
            f"    {PLANNING}3: survived",
            f"    {PLANNING}4: caught by type check",
            f"    {POLICIES}1: killed",
            f"    {POLICIES}2: no tests",
            f"    {POLICIES}3: not checked",
            "    inferline.preview.render.x_render__mutmut_1: survived",
        ]
    )
    assert summarise(output) == [
        "inferline/planning: killed 3 of 4 (75.0 %)",
        f"    survived: {PLANNING}3",
        "policies: killed 1 of 3 (33.3 %)",
        f"    no tests: {POLICIES}2",
        f"    not checked: {POLICIES}3",
    ]


def test_an_area_left_out_of_the_run_is_not_run_rather_than_zero() -> None:
    output = f"{PLANNING}1: not checked\n{PLANNING}2: not checked\n{POLICIES}1: killed\n{POLICIES}2: survived\n"
    assert summarise(output) == ["inferline/planning: not run (2 mutants, none checked)", "policies: killed 1 of 2 (50.0 %)", f"    survived: {POLICIES}2"]


def test_no_mutants_at_all() -> None:
    assert summarise("") == ["inferline/planning: not run (0 mutants, none checked)", "policies: not run (0 mutants, none checked)"]
