#!/usr/bin/env python3
"""Draws a multi-line progress display the way docker pull, cargo and buildkit do: a block of
status lines redrawn in place with cursor-up (CSI A), erase-line (CSI 2K) and CR, with colours,
a spinner, and lines that finish and scroll away above the block. Deterministic (no clock, no random)."""
import sys

ESC = "\x1b"
LAYERS = ["a3f1c2d4e5b6", "0b9e8d7c6f5a", "77aa88bb99cc", "d00dfeedbeef", "1234567890ab"]
SIZES = [31_457_280, 2_097_152, 58_720_256, 512_000, 9_437_184]
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
out = sys.stdout


def bar(fraction, width=30):
    done = int(fraction * width)
    return "\u2588" * done + "\u2591" * (width - done)


def mb(n):
    return f"{n / 1_048_576:.1f}MB"


out.write(f"{ESC}[?25l")  # hide the cursor, as such tools do
out.write(f"{ESC}[1mPulling\x1b[22m from library/example\r\n")
progress = [0] * len(LAYERS)
steps = 0
drawn = 0
while any(p < s for p, s in zip(progress, SIZES)) and steps < 400:
    steps += 1
    if drawn:
        out.write(f"{ESC}[{drawn}A")
    for i, (layer, size) in enumerate(zip(LAYERS, SIZES)):
        progress[i] = min(size, progress[i] + size // (8 + 3 * i))
        out.write(f"\r{ESC}[2K")
        if progress[i] >= size:
            out.write(f"{layer}: {ESC}[32mPull complete{ESC}[0m\r\n")
        else:
            spin = SPINNER[(steps + i) % len(SPINNER)]
            colour = f"{ESC}[38;5;{39 + i * 6}m"
            out.write(
                f"{spin} {layer}: Downloading {colour}{bar(progress[i] / size)}{ESC}[0m "
                f"{mb(progress[i])}/{mb(SIZES[i])}\r\n"
            )
    drawn = len(LAYERS)
    if steps % 5 == 0:
        # a log line printed above the live block: move up, insert it, redraw below
        out.write(f"{ESC}[{drawn}A\r{ESC}[2K{ESC}[2mstep {steps}: verifying checksum{ESC}[0m\r\n")
        out.write(f"{ESC}[J")
        drawn = 0
out.write(f"{ESC}[38;2;0;200;120mDigest:{ESC}[39m sha256:{'ab' * 32}\r\n")
out.write(f"Status: Downloaded newer image for example:latest{ESC}[?25h\r\n")
out.flush()
