"""inferline's Pulumi program: plan the stack, build its sites and the links between them, export outputs."""

from __future__ import annotations

from inferline.components.stack import build_stack, export, plan_program

plan = plan_program()
stack = build_stack(plan)
export(stack)
