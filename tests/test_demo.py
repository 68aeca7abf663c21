"""The README's main job: ``maturity-bot demo`` plays a whole round and writes what every chat saw."""

import struct
import subprocess
import sys
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_demo_plays_a_round_and_writes_every_chat(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--out", str(out), "--managers", "3", "--catalogue", "quick"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "with 3 managers" in result.stdout and str(out) in result.stdout
    comparison = (out / "group-comparison-chart.png").read_bytes()
    profile = (out / "group-dimension-profile.png").read_bytes()
    agreement = (out / "group-agreement-map.png").read_bytes()
    assert _png_size(comparison)[0] == _png_size(profile)[0] == _png_size(agreement)[0] == 1200
    messages = (out / "group-messages.html").read_text(encoding="utf-8")
    assert "Krippendorff" in messages and "Wie es weitergeht" in messages
    # the method's next steps: the poll and its ranking, the lighthouse project, the canvas
    group = (out / "transcripts" / "group.txt").read_text(encoding="utf-8")
    assert "[poll, public] Was packen wir zuerst an?" in group
    assert "Prioritäten des Teams – die Umfrage ist beendet (3 haben abgestimmt)" in group
    assert "Leuchtturmprojekt: Pilot in einem Kundensegment" in group
    # the beliefs loop: reasons from the extremes, a re-rating, a belief recorded
    assert "Warum die Einschätzungen auseinandergehen" in group
    assert "Neu bewertet: vorher → nachher" in group
    assert "📌 Festgehalten zu Aussage" in group
    canvas = (out / "group-canvas.png").read_bytes()
    assert _png_size(canvas)[0] == 1080
    assert (out / "group-canvas.pdf").read_bytes().startswith(b"%PDF-")
    transcripts = sorted(p.name for p in (out / "transcripts").iterdir())
    assert len(transcripts) == 1 + 1 + 3  # the group, the lead, three managers
    manager = (out / "transcripts" / "anna-müller.txt").read_text(encoding="utf-8")
    assert "/start " in manager and "1/6" in manager and "6/6" in manager and "Danke" in manager
    assert "Traceback" not in result.stderr


def test_demo_anonymous_in_english(tmp_path: Path) -> None:
    out = tmp_path / "anon"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "demo",
            "--out",
            str(out),
            "--managers",
            "4",
            "--catalogue",
            "quick",
            "--anonymous",
            "--language",
            "en",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    messages = (out / "group-messages.html").read_text(encoding="utf-8")
    assert "What to do next" in messages
    group = (out / "transcripts" / "group.txt").read_text(encoding="utf-8")
    assert "Anonymous round" in group and "[poll, anonymous]" in group
    # the bot names nobody up to the anonymous poll's ranking; the lighthouse project that follows names
    # its owner, who volunteered for it in the chat
    before_lighthouse = messages.split("Lighthouse project:")[0]
    assert "The team's priorities</b> – the poll has ended (anonymous)" in before_lighthouse
    for name in ("Anna", "Jürgen", "Zoë", "Marco"):
        assert name not in before_lighthouse, "an anonymous round shows no names in the group"


def test_demo_refuses_bad_options_with_one_line(tmp_path: Path) -> None:
    for arguments, expected in (
        (["--managers", "1"], "between 2 and 50"),
        (["--catalogue", "nope"], "unknown catalogue 'nope'"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "bot", "demo", "--out", str(tmp_path / "x"), *arguments],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2
        assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1
