"""Label exports are JSON arrays; the SDK reads them item by item in constant memory."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from labelbox._http.download import json_array_items

ROWS: list[Any] = [
    {"ID": f"c{i:024d}", "Label": {"objects": [{"bbox": {"top": 1.5, "left": -2e-3}}] * (i % 3)}}
    for i in range(200)
] + [123456789, 'text with ] and , and \\" escapes', None, True, [], {}, 1.25e10]


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("size", [1, 2, 5, 64, 4096, 10**7])
def test_every_item_whatever_the_chunking(indent: int | None, size: int) -> None:
    text = json.dumps(ROWS, indent=indent)
    chunks = [text[i : i + size] for i in range(0, len(text), size)]
    assert list(json_array_items(chunks)) == ROWS


def test_a_number_split_across_chunks_is_read_whole() -> None:
    assert list(json_array_items(["[12", "34", ", 5", "6]"])) == [1234, 56]


def test_items_come_before_the_array_is_read() -> None:
    def chunks() -> object:
        yield '[{"a": 1}, '
        raise AssertionError("read past the first item")

    items = json_array_items(chunks())  # type: ignore[arg-type]
    assert next(items) == {"a": 1}


def test_empty_and_spaced_arrays() -> None:
    assert list(json_array_items(["  [ ", " ] "])) == []
    assert list(json_array_items(["[\n{}\n,\n[]\n]\n"])) == [{}, []]


@pytest.mark.parametrize("text", ["", "{}", "[1,]", "[,1]", "[1 2]", "[1", '[{"a": }]', "[1,,2]"])
def test_not_an_array(text: str) -> None:
    with pytest.raises(ValueError):
        list(json_array_items([text]))


def test_random_splits() -> None:
    text = json.dumps(ROWS)
    generator = random.Random(7)
    for _ in range(50):
        cuts = sorted(generator.sample(range(1, len(text)), 30))
        chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        assert list(json_array_items(chunks)) == ROWS
