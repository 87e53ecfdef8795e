"""The `inferline` command: offline preview of a stack, and the generated configuration reference."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from inferline.config.loader import NAMESPACE, read_stack_file
from inferline.errors import ConfigError, Problem
from inferline.planning.stack import validate
from inferline.project import find_project, stack_name_from_file

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except ConfigError as error:
        print(error.render(), file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inferline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    preview = commands.add_parser("preview", help="run the stack's Pulumi program offline, against mocks, and print its plan")
    which = preview.add_mutually_exclusive_group(required=True)
    which.add_argument("--stack", help="stack name: reads <stackConfigDir>/Pulumi.<stack>.yaml")
    which.add_argument("--config", type=Path, help="any stack file; the stack name comes from Pulumi.<stack>.yaml")
    preview.add_argument("--json", type=Path, metavar="PATH", help="also write the full record as JSON")
    preview.add_argument("--project-dir", type=Path, default=Path.cwd(), help="where to look for Pulumi.yaml (default: here)")
    preview.add_argument("--graph", type=Path, metavar="PATH", help="write the interconnect as a picture (.svg/.png with Graphviz's dot, else DOT text)")
    preview.add_argument("--quiet", action="store_true", help="print only the per-cloud counts")
    preview.set_defaults(handler=_preview)

    check = commands.add_parser("validate", help="validate a stack's configuration without running the program")
    which = check.add_mutually_exclusive_group(required=True)
    which.add_argument("--stack")
    which.add_argument("--config", type=Path)
    check.add_argument("--project-dir", type=Path, default=Path.cwd())
    check.set_defaults(handler=_validate)

    capacity = commands.add_parser("plan", help="print the capacity plan (pools per site) without running the program")
    which = capacity.add_mutually_exclusive_group(required=True)
    which.add_argument("--stack")
    which.add_argument("--config", type=Path)
    capacity.add_argument("--project-dir", type=Path, default=Path.cwd())
    capacity.add_argument("--json", action="store_true", help="print the plan as JSON instead of a table")
    capacity.set_defaults(handler=_plan)

    docs = commands.add_parser("config-reference", help="print, or write into a file between markers, the configuration reference")
    docs.add_argument("--write", type=Path, metavar="FILE", help="replace the reference between the markers in FILE")
    docs.add_argument("--check", type=Path, metavar="FILE", help="exit 1 if FILE's reference is out of date")
    docs.set_defaults(handler=_config_reference)
    return parser


def _stack_file(args: argparse.Namespace) -> tuple[Path, str]:
    if args.config is not None:
        if not args.config.is_file():
            raise ConfigError([Problem("--config", f"{args.config} is not a file")])
        return args.config, stack_name_from_file(args.config)
    project = find_project(args.project_dir.resolve())
    path = project.stack_file(args.stack)
    if not path.is_file():
        known = ", ".join(project.stacks()) or "none"
        raise ConfigError([Problem("--stack", f"no stack file {path} (stacks here: {known})")])
    return path, args.stack


def _validate(args: argparse.Namespace) -> int:
    path, stack = _stack_file(args)
    values, secret_keys = read_stack_file(path)
    plan = validate(values, stack, secret_keys, path.parent)
    print(f"{path}: valid ({len(plan.config.sites)} sites, environment {plan.config.environment}, profile {plan.config.profile.name})")
    return EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    path, stack = _stack_file(args)
    values, secret_keys = read_stack_file(path)
    plan = validate(values, stack, secret_keys, path.parent)  # invalid config stops here: nothing is declared
    project = find_project(args.project_dir.resolve())

    # Imported late: the SDKs are heavy and `validate` must stay fast.
    from inferline.policies.rules import failing
    from inferline.preview.record import PreviewError
    from inferline.preview.render import policy_results, preview_document, render_counts, render_tree, write_json
    from inferline.preview.runner import Progress, pulumi_config, run_program

    config, secrets = pulumi_config(values, secret_keys, NAMESPACE)
    with warnings.catch_warnings():
        # Provider SDKs warn about their own deprecated modules at import; users cannot act on that.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        try:
            run = run_program(project.program_dir, project.name, stack, config, secrets, progress=Progress(sys.stderr))
        except PreviewError as error:
            print(f"offline preview failed: {error}", file=sys.stderr)
            return EXIT_FAILED
        except Exception as error:  # the program's own error, shown as `pulumi preview` would
            print(f"offline preview failed: the program raised {type(error).__name__}: {error}", file=sys.stderr)
            return EXIT_FAILED
    print(render_counts(run) if args.quiet else render_tree(run, plan))
    if args.json is not None:
        write_json(args.json, preview_document(run, plan))
        print(f"\nrecord written to {args.json}")
    if args.graph is not None:
        from inferline.preview.topology import write_graph

        written = write_graph(args.graph, plan)
        note = "" if written == args.graph else " (Graphviz's dot is not installed: DOT text instead)"
        print(f"topology written to {written}{note}")
    failed = failing(policy_results(run, plan))
    if failed:
        unchecked = sum(f.outcome == "unknown" for f in failed)
        print(f"offline preview failed: {len(failed) - unchecked} mandatory policy violations, {unchecked} could not be checked", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _plan(args: argparse.Namespace) -> int:
    import json

    from inferline.preview.capacity import capacity_document, render_capacity, render_transfers

    path, stack = _stack_file(args)
    values, secret_keys = read_stack_file(path)
    plan = validate(values, stack, secret_keys, path.parent)
    print(json.dumps(capacity_document(plan), indent=2) if args.json else render_capacity(plan))
    if not args.json:
        print(render_transfers(plan))
    return EXIT_OK


def _config_reference(args: argparse.Namespace) -> int:
    from inferline.config.reference import check_file, render_reference, write_file

    if args.write is not None:
        write_file(args.write)
        print(f"configuration reference written to {args.write}")
    elif args.check is not None:
        if not check_file(args.check):
            print(f"{args.check}: configuration reference is out of date; run `inferline config-reference --write {args.check}`", file=sys.stderr)
            return EXIT_FAILED
    else:
        print(render_reference())
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
