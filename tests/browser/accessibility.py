"""axe-core, run inside a page of the browser tests: what it finds that a reader with assistive technology trips on.

The script is the npm package that scripts/install_axe.sh installs at the version package-lock.json pins. It is
evaluated through the DevTools protocol rather than added as a <script> tag, which the site's CSP (only its own
scripts) would refuse: the page is checked with its real policy in force.
"""

from pathlib import Path

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, and axe's best practices (landmarks, one h1, headings in order).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SERIOUS = {"serious", "critical"}

RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(result => result.violations
    .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n =>
        n.target.join(' ') + ': ' + n.failureSummary.split('\\n').slice(1).join(' '))})))"""


def serious_violations(page) -> list[str]:
    """axe's serious and critical findings on the page as it is now, one line each with the elements at fault."""
    if not AXE.exists():
        raise RuntimeError(f"没有 {AXE}：请运行 scripts/install_axe.sh（make test 会自动运行）。")
    if not page.evaluate("() => typeof axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    return [f"{v['id']} ({v['impact']}, {v['help']}): {'; '.join(v['nodes'][:5])}"
            for v in page.evaluate(RUN, TAGS) if v["impact"] in SERIOUS]
