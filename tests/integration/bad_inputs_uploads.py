"""Bad uploads for `test_bad_inputs`: contents, file names, content types and paths."""

from __future__ import annotations

from labelbox import exceptions

from .bad_inputs_common import SURROGATE, Case

UPLOAD_CASES: dict[str, Case] = {
    "upload text with a lone surrogate": (
        lambda c, d, p: c.upload_data(SURROGATE, "a.txt"),
        exceptions.InvalidAttributeError,
        "'content'",
    ),
    "upload of a number": (
        lambda c, d, p: c.upload_data(42),  # type: ignore[arg-type]
        exceptions.InvalidAttributeError,
        "'content'",
    ),
    "an upload file name with a line break": (
        lambda c, d, p: c.upload_data(b"x", "a\r\nContent-Type: text/html"),
        exceptions.InvalidAttributeError,
        "'filename'",
    ),
    "an upload file name with a lone surrogate": (
        lambda c, d, p: c.upload_data(b"x", SURROGATE),
        exceptions.InvalidAttributeError,
        "'filename'",
    ),
    "an upload content type that is not one": (
        lambda c, d, p: c.upload_data(b"x", "a.txt", "text/plain\r\nX-Injected: 1"),
        exceptions.InvalidAttributeError,
        "'content_type'",
    ),
    "an upload of a file that does not exist": (
        lambda c, d, p: c.upload_file("/no/such/file.png"),
        exceptions.InvalidAttributeError,
        "'path'",
    ),
    "an upload of a path too long for the file system": (
        lambda c, d, p: c.upload_file("/tmp/" + "a" * 300),
        exceptions.InvalidAttributeError,
        "'path'",
    ),
}
