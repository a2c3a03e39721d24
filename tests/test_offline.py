"""postcraft never touches the network at run time."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "post-da.txt"


def test_no_network_access_during_import_and_review() -> None:
    # An audit hook in a fresh interpreter sees every socket operation, whatever library makes it.
    code = textwrap.dedent(
        """
        import sys
        seen = []
        def hook(event, args):
            if event.startswith("socket.") or event in ("urllib.Request", "http.client.connect"):
                seen.append(event)
        sys.addaudithook(hook)
        import postcraft
        for text in ("Jeg har lige haft min første dag som elev. Tak til alle!",
                     "I just had my first day as an apprentice. Thanks everyone! #Apprentice"):
            r = postcraft.review(text)
            r.to_dict()
        from postcraft.cli import main
        main(["review", sys.argv[1], "--format", "json"])
        print("SOCKET-EVENTS", seen)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "SOCKET-EVENTS []" in proc.stdout, proc.stdout


def test_import_is_cheap() -> None:
    code = (
        "import sys, postcraft; heavy = [m for m in ('spacy', 'sklearn', 'textstat', 'numpy', 'jinja2', "
        "'yaml', 'regex', 'marisa_trie') if m in sys.modules]; print(heavy)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr
