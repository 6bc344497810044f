"""The field's validators, as the tests run them: the Nu Html Checker
(vnu.jar, npm `vnu-jar`, run with Java) and axe-core (npm `axe-core`) in
Debian's Chromium. `make test` installs the Node tools (`npm ci`) and Java."""

from conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
VNU = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"
AXE = NODE_MODULES / "axe-core/axe.min.js"
NODE_TOOLS = "run `make test`, or `npm ci`, to install the Node tools (package-lock.json)"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}
AXE_RUN = """async (options) => {
    const results = await axe.run(document, options);
    return results.violations.map((rule) => ({
        id: rule.id,
        impact: rule.impact,
        help: rule.help,
        nodes: rule.nodes.map((node) => ({
            target: node.target.join(" "),
            summary: node.failureSummary,
        })),
    }));
}"""


def vnu_report(messages):
    return "\n".join(
        f"{path}:{message.get('lastLine', '?')}: {message['message']}"
        + (f"\n    {' '.join(message['extract'].split())}" if message.get("extract") else "")
        for path, found in messages.items()
        for message in found
    )


def axe_report(name, width, scheme, violations, path=None, term=None):
    """axe's violations on one page, for an assertion's message."""
    where = f"{path} at " if path else ""
    searched = f", searched for {term!r}" if term else ""
    lines = [f"{name}: {where}{width} px, {scheme}{searched}:"]
    for rule in violations:
        lines.append(f"  {rule['id']} ({rule['impact']}): {rule['help']}")
        for node in rule["nodes"]:
            lines.append(f"    {node['target']}")
            lines.extend(f"      {line}" for line in node["summary"].splitlines())
    return "\n".join(lines)


# Records every CSP violation the page reports, from before its first script.
LISTEN_FOR_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
    });
});
"""
