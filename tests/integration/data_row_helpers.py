"""What the data-row tests (`test_data_rows_*.py`) share: reserved metadata schema ids and an
image URL. Their fixtures (`image_file`, `new_dataset`) are in `conftest.py`."""

from __future__ import annotations

TAG_SCHEMA_ID = "cko8s9r5v0001h2dk9elqdidh"

SPLIT_SCHEMA_ID = "cko8sbczn0002h2dkdaxb5kal"

TRAIN_OPTION_ID = "cko8sbscr0003h2dk04w86hof"

CAPTURE_SCHEMA_ID = "cko8sdzv70006h2dk8jg64zvb"

IMAGE_URL = "https://storage.example.com/images/cat.jpg"
