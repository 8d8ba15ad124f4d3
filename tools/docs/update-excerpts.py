"""Rewrites every marked block of README.md and docs/**/*.md from its source.

A Java block marked `<!-- excerpt: FILE#TAG -->` is replaced by the lines of FILE between
`// tag::TAG[]` and `// end::TAG[]`, common indentation removed; a text block marked
`<!-- help: COMMAND -->` by the output of `./infopro COMMAND --help`. DocsExcerptsTest (examples)
and CliDocsTest (infopro-cli) fail when a block and its source differ; run this after a change,
then review the diff:
    python3 tools/docs/update-excerpts.py
"""
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"(<!-- excerpt: (\S+)#(\S+) -->\n```java\n)(.*?)(```)", re.S)
HELP = re.compile(r"(<!-- help: (\S+) -->\n```text\n)(.*?)(```)", re.S)


def usage(command):
    out = subprocess.run([str(ROOT / "infopro"), command, "--help"], capture_output=True,
                         text=True, check=True).stdout
    return out if out.endswith("\n") else out + "\n"


def tagged(path, tag):
    source = (ROOT / path).read_text()
    match = re.search(r"// tag::" + re.escape(tag) + r"\[\]\n(.*?)\n[ \t]*// end::"
                      + re.escape(tag) + r"\[\]", source, re.S)
    if not match:
        raise SystemExit(f"{path}: no tag {tag}")
    lines = match.group(1).split("\n")
    indent = min(len(l) - len(l.lstrip()) for l in lines if l.strip())
    return "".join(("" if not l.strip() else l[indent:]) + "\n" for l in lines)


def main():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    for page in pages:
        text = page.read_text()
        updated = BLOCK.sub(lambda m: m.group(1) + tagged(m.group(2), m.group(3)) + m.group(5), text)
        updated = HELP.sub(lambda m: m.group(1) + usage(m.group(2)) + m.group(4), updated)
        if updated != text:
            page.write_text(updated)
            print("updated", page.relative_to(ROOT))


if __name__ == "__main__":
    main()
