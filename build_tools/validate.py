"""Stage 4, validate: the TEI files checked against their schemas, and against the sources
they came from (nothing lost), before anything is published.

The build checks the edition's own grammar and Schematron rules (compiled in milliseconds);
``edition validate`` and the test suite add TEI P5 ``tei_all`` (seconds to compile).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree, isoschematron

from .errors import EditionError, EditionErrors
from .grammar import grammar_errors, grammar_passes
from .ingest import Source
from .teixml import NS, XI_NS, parse, tei
from .tei import ALIGNMENT, CORPUS, REGISTER, RESOLVED_CORPUS
from .tei.schemas import PROJECT_GRAMMAR, PROJECT_RULES, SCHEMA_DIR, tei_all_schema

_XI_INCLUDE = f"{{{XI_NS}}}include"


@lru_cache(maxsize=4)
def relaxng(path: Path) -> etree.RelaxNG:
    """A compiled RELAX NG schema (compiled once per process: tei_all takes seconds)."""
    try:
        return etree.RelaxNG(parse(path))
    except etree.RelaxNGParseError as error:
        raise EditionError(f"the schema does not compile: {error}", str(path))


# The rules look documents up beside the one validated (register.xml, alignment.xml) and no
# further: a pointer in an untrusted file must not make the validator fetch anything.
_LOCAL_ONLY = etree.XSLTAccessControl(read_network=False, write_file=False, create_dir=False,
                                      write_network=False)


@lru_cache(maxsize=8)
def schematron(path: Path, phase: str | None = None, verdict: bool = False) -> etree.XSLT:
    """ISO Schematron rules (XSLT 1 query binding), all or one ``phase`` of them, compiled
    to an XSLT that writes SVRL: the failed assertions only.

    With ``verdict``, for a yes-or-no answer about a document that the safe parser read
    whole (not assembled by XInclude): the pattern that checks ids are unique is left out,
    since the parser refuses an id given twice, and the document is walked once for all
    the patterns rather than once for each, which puts the failures in another order.
    """
    try:
        # The skeleton would also report every rule that fired: an element of the report
        # for each sentence of the edition, which no one reads.
        compiled = isoschematron.Schematron(parse(path), store_xslt=True, phase=phase,
                                            compile_params={"generate-fired-rule": "'false'"})
        validator = _matched_without_counting(_without_idle_walks(compiled.validator_xslt))
        if verdict:
            validator = _in_one_walk(_without_pattern(validator, UNIQUE_IDS))
        return etree.XSLT(_located_in_python(validator), access_control=_LOCAL_ONLY,
                          extensions={(_LOCATION_NS, "location"): _location})
    except (etree.SchematronParseError, etree.XSLTParseError) as error:
        raise EditionError(f"the rules do not compile: {error}", str(path))


_SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
_XSL_AND_SVRL = {"xsl": "http://www.w3.org/1999/XSL/Transform", **_SVRL}


def _without_idle_walks(validator: etree._XSLTResultTree) -> etree._XSLTResultTree:
    """The compiled rules without the walks that can find nothing.

    The skeleton starts a walk of the whole document in the default mode for each pattern,
    where no template matches and text is dropped: it only visits every node once more.
    And each pattern's own walk visits every attribute as well as every element, although
    a pattern whose rules are all about elements has nothing to find on an attribute: its
    walk goes from element to element (a fifth less time over a large edition).
    """
    for walk in validator.xpath("//svrl:active-pattern/xsl:apply-templates"
                                "[not(@select) and not(@mode)]", namespaces=_XSL_AND_SVRL):
        walk.getparent().remove(walk)
    rules = validator.xpath("//xsl:template[@mode and @priority >= 0]", namespaces=_XSL_AND_SVRL)
    on_attributes = {rule.get("mode") for rule in rules if _may_match_attributes(rule.get("match"))}
    for step in validator.xpath("//xsl:template/xsl:apply-templates[@select = '@*|*']",
                                namespaces=_XSL_AND_SVRL):
        mode = step.get("mode")
        if mode == step.getparent().get("mode") and mode not in on_attributes:
            step.set("select", "*")
    return validator


_XSL = f"{{{_XSL_AND_SVRL['xsl']}}}"

# A rule about every element that has an attribute, e.g. ``*[@xml:id]``.
_ANY_WITH_ATTRIBUTE = re.compile(r"\*\[\s*(@[\w.:-]+)\s*\]")


def _matched_without_counting(validator: etree._XSLTResultTree) -> etree._XSLTResultTree:
    """The compiled rules with ``*[@a]`` matched as ``*`` and ``@a`` tested inside.

    To try a pattern with a predicate, libxslt works out the element's position among its
    siblings (the predicate might ask for it), and it keeps the last position only while
    the walk stays among the same siblings: every descent into an element's children
    makes it count the next element's siblings again, the square of a paragraph's
    sentences for a rule about every element with an id. Left as they are when another
    rule of the pattern comes after it, which the elements without the attribute would
    have to be tried against.
    """
    rules = validator.xpath("//xsl:template[@mode and @priority >= 0]",
                            namespaces=_XSL_AND_SVRL)
    lowest: dict[str, float] = {}
    for rule in rules:
        mode, priority = rule.get("mode"), float(rule.get("priority"))
        lowest[mode] = min(priority, lowest.get(mode, priority))
    for rule in rules:
        found = _ANY_WITH_ATTRIBUTE.fullmatch(rule.get("match").strip())
        if not found or float(rule.get("priority")) != lowest[rule.get("mode")]:
            continue
        walk = rule[-1] if len(rule) else None
        if (walk is None or walk.tag != f"{_XSL}apply-templates"
                or walk.get("mode") != rule.get("mode")):
            continue
        test = etree.Element(f"{_XSL}if", test=found.group(1))
        test.text, rule.text = rule.text, None
        for child in list(rule)[:-1]:
            test.append(child)
        walk.addprevious(test)
        rule.set("match", "*")
    return validator


# Our own XSLT function, which the compiled rules call to tell where a failure is.
_LOCATION_NS = "urn:x-edition-generator:validate"


def _located_in_python(validator: etree._XSLTResultTree) -> etree._XSLTResultTree:
    """The compiled rules telling a failure's location with :func:`_location`.

    The skeleton's XSLT writes each step's position by counting the element's preceding
    and following siblings of its name: every failure below a paragraph of many thousand
    sentences costs the paragraph's length, the square of it when the paragraph is wrong
    throughout.
    """
    for step in validator.xpath("//xsl:attribute[@name = 'location']/xsl:apply-templates"
                                "[@select = '.' and (@mode = 'schematron-get-full-path'"
                                " or @mode = 'schematron-select-full-path')]",
                                namespaces=_XSL_AND_SVRL):
        step.addnext(etree.Element(f"{_XSL}value-of", select="location:location(.)",
                                   nsmap={"location": _LOCATION_NS}))
        step.getparent().remove(step)
    return validator


def _location(context, nodes) -> str:
    """The location of a node as the skeleton writes it
    (``/*[local-name()='TEI' and namespace-uri()='…'][1]/…/@ref``), each parent's
    children numbered once per run of the rules."""
    node = nodes[0] if nodes else None
    if isinstance(node, etree._Element):
        return _element_location(node, context.eval_context)
    parent = getattr(node, "getparent", lambda: None)()
    if parent is None:
        return "/"
    if getattr(node, "is_attribute", False):
        name = etree.QName(node.attrname)
        last = (f"/@{name.localname}" if not name.namespace else
                f"/@*[local-name()='{name.localname}' and namespace-uri()='{name.namespace}']")
    else:
        if getattr(node, "is_tail", False):
            parent = parent.getparent()
        last = "/text()"
    return _element_location(parent, context.eval_context) + last if parent is not None else "/"


def _element_location(element: etree._Element, run: dict) -> str:
    positions: dict[etree._Element, dict[etree._Element, int]] = run.setdefault("positions", {})
    steps = []
    while element is not None:
        parent = element.getparent()
        if parent is None:
            position = 1
        else:
            numbered = positions.get(parent)
            if numbered is None:
                numbered = positions[parent] = _numbered_children(parent)
            position = numbered[element]
        name = etree.QName(element)
        steps.append(f"/*[local-name()='{name.localname}' and "
                     f"namespace-uri()='{name.namespace or ''}'][{position}]")
        element = parent
    return "".join(reversed(steps))


def _numbered_children(parent: etree._Element) -> dict[etree._Element, int]:
    """Each element child's position among its parent's children of its name."""
    counts: dict[str, int] = {}
    numbered = {}
    for child in parent.iterchildren(tag=etree.Element):
        counts[child.tag] = numbered[child] = counts.get(child.tag, 0) + 1
    return numbered


def _without_pattern(validator: etree._XSLTResultTree, pattern: str) -> etree._XSLTResultTree:
    """The compiled rules without the walk of one pattern (the skeleton names each pattern
    in the report, then walks the document in that pattern's mode)."""
    for named in validator.xpath("//svrl:active-pattern[xsl:attribute[@name = 'id'] = $id]",
                                 namespaces=_XSL_AND_SVRL, id=pattern):
        walk = named.getnext()
        if walk is not None and walk.tag == f"{_XSL}apply-templates":
            walk.getparent().remove(walk)
        named.getparent().remove(named)
    return validator


_ONE_WALK = "one-walk"


def _in_one_walk(validator: etree._XSLTResultTree) -> etree._XSLTResultTree:
    """The compiled rules walking the document once: at each element, each pattern's rules
    are tried in turn (the first that matches fires, as in the pattern's own walk), then
    the walk goes on to its children.

    Left as they are when a pattern walks attributes too or has a rule about the document
    node itself, which the one walk does not visit.
    """
    start = validator.xpath("//xsl:template[@match = '/' and not(@mode)]",
                            namespaces=_XSL_AND_SVRL)
    walks = start[0].xpath(".//xsl:apply-templates[@select = '/' and @mode]",
                           namespaces=_XSL_AND_SVRL) if start else []
    modes = [walk.get("mode") for walk in walks]
    steps = [step for step in validator.xpath(
                 "//xsl:template[@mode]/xsl:apply-templates[@mode = ../@mode]",
                 namespaces=_XSL_AND_SVRL) if step.get("mode") in modes]
    on_document = {rule.get("mode") for rule in validator.xpath(
        "//xsl:template[@mode and @match = '/']", namespaces=_XSL_AND_SVRL)}
    if (not walks or any(step.get("select") != "*" for step in steps)
            or on_document.intersection(modes)):
        return validator
    for step in steps:                  # each pattern's rules now only check their element
        step.getparent().remove(step)
    walks[0].addprevious(etree.Element(f"{_XSL}apply-templates", select="*", mode=_ONE_WALK))
    for walk in walks:
        walk.getparent().remove(walk)
    one_walk = etree.SubElement(start[0].getparent(), f"{_XSL}template", match="*",
                                mode=_ONE_WALK)
    for mode in modes:
        etree.SubElement(one_walk, f"{_XSL}apply-templates", select=".", mode=mode)
    etree.SubElement(one_walk, f"{_XSL}apply-templates", select="*", mode=_ONE_WALK)
    return validator


_PREDICATE = re.compile(r"\[[^\[\]]*\]")


def _may_match_attributes(pattern: str) -> bool:
    """Whether an XSLT match pattern may match an attribute: one of its alternatives ends
    in an attribute step (``@x``, ``attribute::x``) or in ``node()``."""
    while _PREDICATE.search(pattern):
        pattern = _PREDICATE.sub("", pattern)
    last_steps = (branch.strip().rsplit("/", 1)[-1].strip() for branch in pattern.split("|"))
    return any(step.startswith(("@", "attribute::")) or step == "node()" for step in last_steps)


def validate_files(files: list[Path], schema: Path) -> list[EditionError]:
    """Every problem of every file against one RELAX NG schema, as ``file:line:col`` errors."""
    validator = relaxng(schema)
    problems = []
    for path in files:
        problems += [EditionError(f"{error.message} [{schema.name}]", str(path),
                                  error.line, error.column)
                     for error in grammar_errors(validator, parse(path))]
    return problems


def check_rules(files: list[Path], rules: Path) -> list[EditionError]:
    """Every failed Schematron assertion of each file, at the line of the element it is
    about."""
    problems = []
    for path in files:
        tree = parse(path)
        try:
            failures = _failures(tree, path, rules)
        except EditionError as error:       # the rules cannot run on it: go on with the rest
            problems.append(error)
            continue
        locate = Locator(tree)
        problems += [EditionError(message, str(path), _line(locate(location)), 1)
                     for message, location in failures]
    return problems


def check_edition_rules(corpus: Path, rules: Path, phase: str | None = None,
                        resolved: Path | None = None) -> list[EditionError]:
    """The rules over the whole edition at once: the corpus with its members included, so
    that every pointer is looked up within one document. Each problem is told at the line
    of the member file it is in.

    A ``resolved`` copy of the corpus, made from the same files, is checked first: most
    editions pass, and one parse of it costs less than including every member.
    """
    if resolved is not None and _passes(resolved, rules, phase):
        return []
    tree = parse(corpus)
    root = tree.getroot()
    members = [corpus.parent / child.get("href") if child.tag == _XI_INCLUDE else corpus
               for child in root.iterchildren(tag=etree.Element)]
    tree.xinclude()
    # Each include became the root element of its member, in the same place among elements.
    member_of = dict(zip(root.iterchildren(tag=etree.Element), members))
    problems = []
    locate = Locator(tree)
    for message, location in _failures(tree, corpus, rules, phase):
        element = locate(location)
        top = element
        while top is not None and top.getparent() is not root:
            top = top.getparent()
        member = member_of.get(top, corpus)
        problems.append(EditionError(message, str(member),
                                     element.sourceline if element is not None else None, 1))
    return problems


def _passes(resolved: Path, rules: Path, phase: str | None) -> bool:
    """Whether the resolved corpus exists and passes the rules (the parser itself refuses
    an id defined twice: then the members tell where)."""
    try:
        return resolved.is_file() and _meets_rules(parse(resolved), resolved, rules, phase)
    except EditionError:
        return False


def _failures(tree: etree._ElementTree, path: Path, rules: Path,
              phase: str | None = None) -> list[tuple[str, str]]:
    """(message, location) of every failed assertion."""
    return [(" ".join("".join(failure.itertext()).split()) + f" [{rules.name}]",
             failure.get("location"))
            for failure in _failed_assertions(tree, path, rules, phase)]


def _meets_rules(tree: etree._ElementTree, path: Path, rules: Path,
                 phase: str | None = None) -> bool:
    """Whether a document that the safe parser read whole fails no assertion (see
    :func:`schematron` on ``verdict``)."""
    return not _failed_assertions(tree, path, rules, phase, verdict=True)


def _failed_assertions(tree: etree._ElementTree, path: Path, rules: Path, phase: str | None,
                       verdict: bool = False) -> list[etree._Element]:
    try:
        report = schematron(rules, phase, verdict)(tree)
    except etree.XSLTApplyError as error:
        raise EditionError(f"the rules cannot run: {error} (they read register.xml, "
                           f"alignment.xml and schema/ beside the file, nothing over the "
                           f"network)", str(path))
    return report.xpath("//svrl:failed-assert", namespaces=_SVRL)


# A step of the locations the Schematron report gives, e.g.
# /*[local-name()='s' and namespace-uri()='http://www.tei-c.org/ns/1.0'][1299]
_STEP = re.compile(r"/\*\[local-name\(\)='([^']*)' and namespace-uri\(\)='([^']*)'\]"
                   r"(?:\[(\d+)\])?")
_NODE_STEP = re.compile(r"/(?:@|text\(\)|comment\(\)|processing-instruction\()")


class Locator:
    """Finds the element a failed assertion is about from its location in the report.

    Evaluated as XPath, each ``*[...][n]`` step walks the siblings before the n-th, so
    locating every failure in a paragraph of many thousand sentences would take the square
    of its length; here each parent's children are indexed by name once, when a location
    first passes through it, and a location costs its own length.
    """

    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree
        self._children: dict[etree._Element, dict[str, list[etree._Element]]] = {}

    def __call__(self, location: str | None) -> etree._Element | None:
        if not location:
            return None
        element, position = None, 0
        for step in _STEP.finditer(location):
            if step.start() != position:
                break
            element = self._child(element, step.group(2), step.group(1),
                                  int(step.group(3) or 1))
            if element is None:
                return None
            position = step.end()
        rest = location[position:]
        if not rest or (element is not None and _NODE_STEP.match(rest)):
            return element          # an attribute or text is told at its element
        return _element_at(self.tree, location)     # another form: asked of XPath

    def _child(self, parent: etree._Element | None, namespace: str, name: str,
               position: int) -> etree._Element | None:
        if parent is None:
            root = self.tree.getroot()
            return root if root.tag == _tag(namespace, name) and position == 1 else None
        named = self._children.get(parent)
        if named is None:
            named = self._children[parent] = {}
            for child in parent.iterchildren(tag=etree.Element):
                named.setdefault(child.tag, []).append(child)
        children = named.get(_tag(namespace, name), [])
        return children[position - 1] if 0 < position <= len(children) else None


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}" if namespace else name


def _element_at(tree: etree._ElementTree, location: str | None) -> etree._Element | None:
    try:
        found = tree.xpath(location) if location else []
    except etree.XPathError:
        return None
    node = found[0] if found else None
    if node is not None and not isinstance(node, etree._Element):
        node = node.getparent()
    return node


def _line(element: etree._Element | None) -> int | None:
    return element.sourceline if element is not None else None


# A source's characters are the body's text, its corrections read as their ``sic``.
_SOURCE_TEXT = etree.XPath("(.//tei:body)[1]//text()[not(ancestor::tei:corr)]", namespaces=NS,
                          smart_strings=False)     # plain strings: only joined


def body_text(tree: etree._ElementTree | etree._Element) -> str:
    """The text of a TEI body as the source had it: corrections read as their ``sic``."""
    return "".join(_SOURCE_TEXT(tree))


def check_nothing_lost(folder: Path, sources: list[Source]) -> list[EditionError]:
    """Each text's body must equal its normalised source, character for character."""
    problems = []
    for source in sources:
        path = folder / f"{source.id}.xml"
        problems += _lost(source, path, parse(path))
    return problems


def _lost(source: Source, path: Path, tree: etree._ElementTree | etree._Element
          ) -> list[EditionError]:
    text = body_text(tree)
    if text == source.text:
        return []
    offset = _first_difference(text, source.text)
    return [source.error(f"the TEI body differs from the source here ({path.name} has "
                         f"{text[offset:offset + 20]!r}, the source "
                         f"{source.text[offset:offset + 20]!r})", offset)]


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return index
    return min(len(a), len(b))


# What other files point into: when one of them changed, every file's pointers are checked.
SHARED = (REGISTER, ALIGNMENT)
IDS_ACROSS_FILES = "ids-across-files"        # the phase of edition.sch for that
UNIQUE_IDS = "ids"                           # the pattern of edition.sch that checks it


def validate(folder: Path, sources: list[Source], only: list[Path] | None = None) -> None:
    """Validate a folder of TEI (or only what changed: the files ``only`` of it) against the
    edition's grammar and rules, and against its sources; raise every problem at once.

    The whole edition is checked at once in its resolved corpus, at a cost linear in its
    size; only when that fails are the member files checked one by one, so that each
    problem is told at its own file and line. When only some texts changed and nothing
    they point into, those texts are checked, and the whole edition only for ids used
    twice. The folder's resolved corpus must be made from its files, as the tei stage
    writes it.
    """
    grammar, rules = folder / SCHEMA_DIR / PROJECT_GRAMMAR, folder / SCHEMA_DIR / PROJECT_RULES
    members = sorted(p for p in folder.glob("*.xml") if p.name not in (CORPUS, RESOLVED_CORPUS))
    changed = set(members if only is None else only)
    everything = only is None or any(p.parent.name == SCHEMA_DIR or p.name in SHARED
                                     for p in changed)
    corpus, resolved = folder / CORPUS, folder / RESOLVED_CORPUS   # tei writes both
    if everything and _edition_passes(corpus, resolved, grammar, rules, sources):
        return
    members = [p for p in members if p in changed]
    sources = [s for s in sources if folder / f"{s.id}.xml" in changed]
    problems = validate_files(members, grammar)
    if everything:
        problems += check_edition_rules(corpus, rules)
    elif changed:
        problems += (check_rules(members, rules)
                     + check_edition_rules(corpus, rules, IDS_ACROSS_FILES, resolved))
    problems += check_nothing_lost(folder, sources)
    if problems:
        raise problems[0] if len(problems) == 1 else EditionErrors(problems)


def _edition_passes(corpus: Path, resolved: Path, grammar: Path, rules: Path,
                    sources: list[Source]) -> bool:
    """Whether the resolved corpus meets the grammar and the rules and holds every source
    whole: the edition checked in one parse, almost all of it inside lxml, which lets
    another stage run meanwhile. When it does not, the checks of each member tell where."""
    try:
        tree = parse(resolved)
        if (not grammar_passes(relaxng(grammar), tree)
                or not _meets_rules(tree, resolved, rules)):
            return False
    except EditionError:
        return False
    # The resolved corpus holds the members in the order the corpus includes them.
    hrefs = [child.get("href") for child in parse(corpus).getroot().iterchildren(_XI_INCLUDE)]
    member = dict(zip(hrefs, tree.getroot().iterchildren(tei("TEI"))))
    return all(f"{s.id}.xml" in member and not _lost(s, resolved, member[f"{s.id}.xml"])
               for s in sources)


def validate_completely(files: list[Path], schema_folder: Path) -> None:
    """What ``edition validate`` runs: grammar, rules and TEI P5 tei_all on any TEI files."""
    grammar = schema_folder / PROJECT_GRAMMAR
    rules = schema_folder / PROJECT_RULES
    problems = (validate_files(files, grammar) + check_rules(files, rules)
                + validate_files(files, tei_all_schema()))
    if problems:
        raise problems[0] if len(problems) == 1 else EditionErrors(problems)
