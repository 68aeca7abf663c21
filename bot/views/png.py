"""PNG bytes of a drawn matplotlib figure, with a palette: what every picture the bot posts is made of.

The charts and the canvas are a few flat colours plus their anti-aliased edges. A palette of 256 colours
keeps them visibly identical and makes the PNG about 3 times smaller than the RGBA matplotlib writes
(BENCHMARKS.md), which is upload time to Telegram on every close, for about the CPU matplotlib's own RGBA
encoding took. Maximum coverage keeps white exactly white (the fast octree
turned it to 253, a grey edge against Telegram's white) and moves no pixel by more than a few steps of 255.
Pillow (which matplotlib itself requires) writes no metadata, so the bytes depend on the picture only.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image


def palette_png(canvas: FigureCanvasAgg) -> bytes:
    """Draw the canvas's figure at its own size and dpi and encode it with a palette of 256 colours."""
    canvas.draw()
    size = canvas.get_width_height()
    pixels = Image.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    palette = pixels.convert("RGB").quantize(colors=256, method=Image.Quantize.MAXCOVERAGE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG")
    return buffer.getvalue()
