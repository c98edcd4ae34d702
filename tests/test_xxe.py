"""Any TEI the tool reads is parsed with entity resolution and network access off (no XXE)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

from build_tools.teixml import parse


def test_external_entities_are_neither_read_nor_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    listener, port, contacted = _listening()
    evil = tmp_path / "evil.xml"
    evil.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI [\n'
        f'  <!ENTITY secret SYSTEM "{secret.as_uri()}">\n'
        f'  <!ENTITY remote SYSTEM "http://127.0.0.1:{port}/x">\n'
        f'  <!ENTITY % dtd SYSTEM "http://127.0.0.1:{port}/dtd"> %dtd;\n]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&secret;&remote;</p>'
        '</body></text></TEI>\n', encoding="utf-8")
    tree = parse(evil)
    from lxml import etree
    assert b"TOP-SECRET" not in etree.tostring(tree)
    result = subprocess.run([sys.executable, "-m", "build_tools.cli", "validate", str(evil)],
                            capture_output=True, text=True)
    assert "TOP-SECRET" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    listener.close()
    assert contacted == []


def test_the_rules_fetch_nothing_a_file_points_at(built, tmp_path):
    """A pointer is looked up beside the file, never over the network (SSRF)."""
    import shutil
    listener, port, contacted = _listening()
    folder = tmp_path / "tei"
    shutil.copytree(built.tei_dir, folder)
    path = folder / "hijra-ar.xml"
    path.write_bytes(path.read_bytes().replace(
        b'corresp="alignment.xml#', f'corresp="http://127.0.0.1:{port}/x#'.encode(), 1))
    other = folder / "hijra-tr.xml"          # checked after it all the same
    other.write_bytes(other.read_bytes().replace(b'who="per:', b'who="per:nobody per:', 1))
    result = subprocess.run([sys.executable, "-m", "build_tools.cli", "validate", str(path),
                             str(other)], capture_output=True, text=True)
    listener.close()
    assert result.returncode == 1 and "read rights for http://127.0.0.1" in result.stderr
    assert "hijra-tr.xml" in result.stderr and "does not resolve" in result.stderr
    assert "Traceback" not in result.stderr
    assert contacted == []


def _listening():
    """A local server that records whether anything connected to it."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(3)
    contacted = []
    threading.Thread(target=lambda: _accept(listener, contacted), daemon=True).start()
    return listener, listener.getsockname()[1], contacted


def _accept(listener, contacted):
    try:
        connection, _ = listener.accept()
        contacted.append(True)
        connection.close()
    except OSError:
        pass
