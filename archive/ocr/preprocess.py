"""A scanned page made ready for recognition: the red seal taken out, the page turned straight, black on white.

Pure functions on Pillow images (numpy for the arithmetic). Stamped letters have a red official seal (公章)
across the signature and date; its ring, star and curved text would be read as characters, and where it
covers the date a digit is lost. Ink of the seal is told from the black print by colour: saturated red
becomes paper. Print under the seal is darker than the seal's red and stays.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# Pillow's HSV has hue 0–255: red wraps around 0. A seal's ink runs from orange-red to crimson; a scan of
# it is pale where the ink is thin, so saturation and value are loose, but black print is never saturated.
_RED_HUE = 18
_MIN_SATURATION = 70
_MIN_VALUE = 90
# Letters are scanned nearly straight; a page turned further is turned back by hand.
_MAX_SKEW_DEGREES = 4.0
# Tesseract's Chinese model reads characters about 30 px high best: a letter's 3号 type at 300 dpi (60 px) read
# at half size has a third of the errors and is a fifth faster (benchmarks/ocr.py, README "Scans").
_BEST_LINE_HEIGHT = 30


def prepare(page: Image.Image) -> Image.Image:
    """The page as the recogniser reads it best: red removed, straightened, type at its best size, two colours."""
    gray = without_red(page)
    gray = median3(gray)  # scanner specks, which Otsu would keep as dots
    angle = skew_angle(gray)
    if angle:
        gray = gray.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
    height = line_height(gray)
    if height:
        factor = min(max(_BEST_LINE_HEIGHT / height, 0.25), 2.0)
        gray = gray.resize((round(gray.width * factor), round(gray.height * factor)), Image.Resampling.BOX)
    return binarise(gray)


def without_red(page: Image.Image) -> Image.Image:
    """The page in grey with every saturated red pixel (a seal, a signature in red ink) turned white."""
    if page.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        return page.convert("L")
    rgb = page.convert("RGB")
    hue, saturation, value = (np.asarray(band) for band in rgb.convert("HSV").split())
    red = ((hue <= _RED_HUE) | (hue >= 255 - _RED_HUE)) & (saturation >= _MIN_SATURATION) & (value >= _MIN_VALUE)
    gray = np.array(rgb.convert("L"))
    gray[red] = 255
    return Image.fromarray(gray)


# Devillard's network of 19 compare-and-swaps that leaves the median of nine values in the fifth.
_MEDIAN_OF_NINE = ((1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8), (0, 3), (5, 8), (4, 7),
                   (3, 6), (1, 4), (2, 5), (4, 7), (4, 2), (6, 4), (4, 2))


def median3(gray: Image.Image) -> Image.Image:
    """Pillow's MedianFilter(3), pixel for pixel, ten times faster: a page's nine shifted copies through a sorting
    network in numpy (0.15 s for A4 at 300 dpi, where Pillow takes 0.6–1.5 s and OpenCV, 190 MB installed, 3 ms)."""
    padded = np.pad(np.asarray(gray), 1, mode="edge")
    height, width = gray.height, gray.width
    values = [padded[dy:dy + height, dx:dx + width].copy() for dy in range(3) for dx in range(3)]
    for low, high in _MEDIAN_OF_NINE:
        smaller = np.minimum(values[low], values[high])
        np.maximum(values[low], values[high], out=values[high])
        values[low] = smaller
    return Image.fromarray(values[4])


def skew_angle(gray: Image.Image) -> float:
    """The angle in degrees (counter-clockwise) that turns the text lines level, 0.0 when they are.

    Lines of text are level when the row sums of ink are most uneven (rows of print, rows of paper):
    the variance of the profile is greatest. Searched in half-degree steps on a quarter-size copy, then
    in tenths on a half-size one (a tenth of a degree moves a line end by a pixel there); of equal
    angles the one nearest level wins.
    """

    def best(scale: int, angles: np.ndarray) -> float:
        small = np.asarray(gray.reduce(scale))
        ink = Image.fromarray(np.where(small < _otsu(small), 255, 0).astype(np.uint8))

        def sharpness(angle: float) -> tuple[float, float]:
            turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64)
            return float(np.var(turned.sum(axis=1))), -abs(angle)

        return float(max(angles, key=sharpness))

    coarse = best(4, np.arange(-_MAX_SKEW_DEGREES, _MAX_SKEW_DEGREES + 0.01, 0.5))
    fine = best(2, np.round(np.arange(coarse - 0.4, coarse + 0.41, 0.1), 1))
    return fine if abs(fine) >= 0.1 else 0.0


def line_height(gray: Image.Image) -> float | None:
    """The median height in pixels of the page's lines of print (runs of rows with ink), None on a blank page."""
    small = np.asarray(gray.reduce(2))
    inked = (small < _otsu(small)).sum(axis=1) > 0.01 * small.shape[1]
    edges = np.flatnonzero(np.diff(np.concatenate(([0], inked.astype(np.int8), [0]))))
    runs = edges[1::2] - edges[::2]
    runs = runs[runs >= 3]  # a rule, a speck, a stray dot is no line of text
    return float(np.median(runs)) * 2 if runs.size else None


def binarise(gray: Image.Image) -> Image.Image:
    """Black print on white paper by Otsu's threshold: scanners' grey paper and faint toner both go."""
    pixels = np.asarray(gray)
    return Image.fromarray(pixels >= _otsu(pixels))


def _otsu(pixels: np.ndarray) -> int:
    """The grey level that best splits the pixels into two classes (Otsu 1979)."""
    histogram = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    total_weight, total_mean = weight[-1], mean[-1]
    background = total_weight - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mean * weight - mean * total_weight) ** 2 / (weight * background)
    if np.all(np.isnan(between[:-1])):  # one grey level: a blank page, all paper
        return 0
    return int(np.nanargmax(between[:-1])) + 1
