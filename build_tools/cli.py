"""The ``edition`` command: the pipeline, or a part of it, from a terminal.

Problems an editor can fix are printed as ``file:line:col: message`` with exit status 1 and no
traceback; the previous output stays as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import EditionError
from . import pipeline
from .progress import for_terminal

EXIT_PROBLEM = 1


def main(argv: list[str] | None = None) -> int:
    """Run one ``edition`` subcommand; return the exit status."""
    arguments = _parser().parse_args(argv)
    project = pipeline.Project(Path(arguments.project).resolve())
    progress = for_terminal(quiet=arguments.quiet)
    try:
        arguments.run(project, arguments, progress)
    except EditionError as error:
        print(error, file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edition", description=__doc__.splitlines()[0])
    parser.add_argument("--project", default=".", help="the project folder (default: here)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, run, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    new = command("new", _new, "make a project for a new edition in FOLDER")
    new.add_argument("folder", type=Path, metavar="FOLDER", help="a new or empty folder")
    new.add_argument("--languages", required=True, metavar="CODES",
                     help="the texts' languages, BCP 47 codes separated by commas (ar,en)")
    command("build", _build, "the whole pipeline: sources → TEI → pages → site/")
    command("tei", _tei, "sources and annotations → validated TEI in build/tei/")
    validate = command("validate", _validate, "validate the built TEI (or FILES) against the "
                       "edition's grammar and rules and TEI P5 tei_all")
    validate.add_argument("files", type=Path, nargs="*", metavar="FILES",
                          help="TEI files to validate (default: every file in build/tei/)")
    command("pages", _pages, "the built TEI → Markdown pages in docs/edition/")
    check = command("check", _check, "report what is unannotated, uncertain or inconsistent")
    check.add_argument("--strict", action="store_true",
                       help="exit with status 1 when there is any finding")
    suggest = command("suggest", _suggest, "draft the annotations of a new text for review")
    suggest.add_argument("source", type=Path, metavar="SOURCE", help="the plain-text source")
    suggest.add_argument("--lang", metavar="CODE",
                         help="its language, a BCP 47 code (default: from edition.yml)")
    suggest.add_argument("--output", "-o", type=Path, metavar="FILE",
                         help="write the draft here (default: standard output)")
    suggest.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    suggest.add_argument("--keep", choices=("all", "high"), default="all",
                         help="high: write only the proposals the draft is sure of (a speech "
                              "with a high-confidence span and speaker, the headings' scenes)")
    suggest.add_argument("--merge", action="store_true",
                         help="add the new proposals to the existing FILE (--output), leaving "
                              "every line the editor wrote as it was")
    suggest.add_argument("--episodes", type=Path, metavar="EPISODES",
                         help="add the drafted episodes to this episodes.yml (made if missing)")
    return parser


def _new(project, arguments, progress) -> None:
    from .new_project import new_project
    new_project(arguments.folder, arguments.languages.split(","))
    if not arguments.quiet:
        folder = arguments.folder
        print(f"A new edition in {folder}/. Next:\n"
              f"  1. put each text in {folder}/edition/sources/ under the name edition.yml "
              f"gives it;\n"
              f"  2. edit {folder}/edition/edition.yml (titles, editors, licence);\n"
              f"  3. edition --project {folder} build    (then open {folder}/site/index.html)")


def _build(project, arguments, progress) -> None:
    pipeline.build(project, progress)


def _tei(project, arguments, progress) -> None:
    pipeline.make_tei(project, progress)


def _validate(project, arguments, progress) -> None:
    from .validate import validate_completely
    files = arguments.files or sorted(p for p in project.tei_dir.glob("*.xml")
                                      if p.name != "corpus.xml")
    if not files:
        raise EditionError("no TEI to validate; run `edition tei` first", str(project.tei_dir))
    with progress.stage("validate", len(files)):
        # Files given by hand are checked against the schemas shipped with the built TEI,
        # or the edition's own when nothing is built yet.
        shipped = project.tei_dir / "schema"
        validate_completely([f.resolve() for f in files],
                            shipped if shipped.is_dir() else project.edition_dir / "schema")
    print(f"{len(files)} file(s) valid")


def _pages(project, arguments, progress) -> None:
    from .config import load_edition
    pipeline.make_pages(project, load_edition(project.edition_dir).interface_languages,
                        progress)


def _check(project, arguments, progress) -> None:
    from .check import check_edition
    result = check_edition(project.edition_dir)
    for finding in result.findings:
        print(finding)
    if not arguments.quiet:
        print(result.summary())
    if result.build_fails:
        raise EditionError("edition check: the build would fail; see the errors above")
    if arguments.strict and result.findings:
        raise EditionError(f"edition check --strict: {len(result.findings)} findings")


def _suggest(project, arguments, progress) -> None:
    from .suggest import make_draft, merge_draft_into, write_draft, write_episodes
    if arguments.merge and arguments.output is None:
        raise EditionError("--merge adds to the file given with --output FILE")
    draft = make_draft(arguments.source, project.root, arguments.lang, arguments.keep)
    if arguments.merge:
        text = merge_draft_into(draft, arguments.output, project.root)
    else:
        text = draft.render()
    if arguments.output is None:
        sys.stdout.write(text)
    else:
        write_draft(text, arguments.output, force=arguments.force or arguments.merge)
    if arguments.episodes is not None:
        write_episodes(draft, arguments.episodes, project.root, text)


if __name__ == "__main__":
    sys.exit(main())
