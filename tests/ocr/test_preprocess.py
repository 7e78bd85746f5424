"""A stamped, turned scan made readable: the seal's red goes, black print under it stays, the page is level."""

from PIL import Image, ImageDraw

from archive.ocr.preprocess import binarise, line_height, skew_angle, without_red


def lines_of_print(width=1200, height=900, pitch=60, thickness=24) -> Image.Image:
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    for top in range(100, height - 100, pitch):
        draw.rectangle((100, top, width - 100, top + thickness), fill=0)
    return page


def test_the_red_seal_becomes_paper_and_the_black_print_under_it_stays():
    page = Image.new("RGB", (200, 100), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 99, 99), fill=(214, 38, 48))  # seal ink
    draw.rectangle((100, 0, 199, 99), fill=(30, 10, 12))  # print under the seal: ink over ink

    gray = without_red(page)

    assert gray.getpixel((50, 50)) == 255
    assert gray.getpixel((150, 50)) < 40


def test_a_page_turned_by_a_degree_and_a_half_is_found_turned_by_that_much():
    turned = lines_of_print().rotate(-1.5, fillcolor=255)

    assert abs(skew_angle(turned) - 1.5) <= 0.2


def test_a_straight_page_is_left_straight():
    assert skew_angle(lines_of_print()) == 0.0


def test_the_height_of_the_lines_of_print_is_measured():
    assert abs(line_height(lines_of_print(thickness=24)) - 25) <= 2


def test_grey_paper_becomes_white_and_faint_toner_black():
    page = Image.new("L", (100, 100), 200)
    ImageDraw.Draw(page).rectangle((20, 20, 60, 60), fill=110)

    two_colours = binarise(page)

    assert two_colours.mode == "1"
    assert two_colours.getpixel((5, 5)) and not two_colours.getpixel((40, 40))


def test_the_median_filter_is_pillows_pixel_for_pixel():
    import numpy as np
    from PIL import ImageFilter

    from archive.ocr.preprocess import median3

    noisy = Image.fromarray((np.random.default_rng(7).random((61, 47)) * 255).astype(np.uint8))

    assert np.array_equal(np.asarray(median3(noisy)), np.asarray(noisy.filter(ImageFilter.MedianFilter(3))))
