"""The official SDK 3.36.0 against our server: data-row metadata.

Data rows are created with a raw `createDataRow` document, so these tests need
only that resolver (not the whole DataRow object the official SDK parses).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest

import labelbox
from labelbox import Dataset
from labelbox.exceptions import MalformedQueryException
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DeleteDataRowMetadata,
)

TAG = "cko8s9r5v0001h2dk9elqdidh"
SPLIT = "cko8sbczn0002h2dkdaxb5kal"
TRAIN = "cko8sbscr0003h2dk04w86hof"
TEST = "cko8scbz70005h2dkastwhgqt"
CAPTURE = "cko8sdzv70006h2dk8jg64zvb"
EMBEDDING = "ckpyije740000yxdk81pbgjdc"
PRECOMPUTED = "ckrzang79000008l6hb5s6za1"

VECTOR = [i / 4 for i in range(128)]


def create_rows(client: labelbox.Client, dataset: Dataset, count: int) -> list[str]:
    document = (
        'mutation { createDataRow(data: {rowData: "https://example.com/a.jpg", '
        f'dataset: {{connect: {{id: "{dataset.uid}"}}}}}}) {{ id }} }}'
    )
    return [client.execute(document)["createDataRow"]["id"] for _ in range(count)]


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def values(row: DataRowMetadata) -> dict[str, Any]:
    return {f.schema_id: f.value for f in row.fields if f.schema_id != PRECOMPUTED}


@pytest.fixture
def mdo(client: labelbox.Client) -> Iterator[DataRowMetadataOntology]:
    ontology = client.get_data_row_metadata_ontology()
    before = set(ontology.custom_by_id)
    yield ontology
    ontology.refresh_ontology()
    for schema in list(ontology.custom_fields):
        if schema.uid not in before:
            ontology.delete_schema(schema.name)


def test_reserved_schemas(mdo: DataRowMetadataOntology) -> None:
    assert mdo.reserved_by_name["tag"].uid == TAG
    assert mdo.reserved_by_name["captureDateTime"].uid == CAPTURE
    assert mdo.reserved_by_name["embedding"].uid == EMBEDDING
    assert mdo.reserved_by_name["split"]["train"].uid == TRAIN
    assert mdo.reserved_by_name["split"]["test"].uid == TEST
    assert mdo.fields_by_id[TRAIN].parent == SPLIT
    assert mdo.reserved_by_id[SPLIT].kind == DataRowMetadataKind.enum
    assert PRECOMPUTED in mdo.fields_by_id


def test_schema_lifecycle(mdo: DataRowMetadataOntology) -> None:
    name = unique("weather")
    created = mdo.create_schema(name, DataRowMetadataKind.enum, ["sunny", "rainy"])
    assert created.name == name and created.kind == DataRowMetadataKind.enum
    options = {o.name: o.uid for o in created.options}
    assert set(options) == {"sunny", "rainy"}
    assert set(mdo.custom_by_name[name]) == {"sunny", "rainy"}

    with pytest.raises(MalformedQueryException):
        mdo.create_schema(name, DataRowMetadataKind.enum, ["sunny"])

    new_name = unique("climate")
    renamed = mdo.update_schema(name, new_name)
    assert renamed.uid == created.uid and renamed.name == new_name
    assert {o.name: o.uid for o in renamed.options} == options

    updated = mdo.update_enum_option(new_name, "rainy", "stormy")
    assert {o.name: o.uid for o in updated.options} == {
        "sunny": options["sunny"],
        "stormy": options["rainy"],
    }
    assert mdo.fields_by_id[options["rainy"]].name == "stormy"

    assert mdo.delete_schema(new_name) is True
    assert created.uid not in mdo.fields_by_id


def test_non_enum_schemas(mdo: DataRowMetadataOntology) -> None:
    # the official SDK iterates `options` of the upsert result: it must be a list, not null
    created = mdo.create_schema(unique("note"), DataRowMetadataKind.string)
    assert created.kind == DataRowMetadataKind.string and created.options is None
    renamed = mdo.update_schema(created.name, unique("remark"))
    assert renamed.uid == created.uid
    assert mdo.delete_schema(renamed.name) is True


def test_bulk_upsert_export_delete(
    client: labelbox.Client, dataset: Dataset, mdo: DataRowMetadataOntology
) -> None:
    by_id, by_name = create_rows(client, dataset, 2)
    score = mdo.create_schema(unique("score"), DataRowMetadataKind.number)
    moment = datetime(2023, 1, 2, 3, 4, 5, 123000)  # 3.36 sends naive datetimes as UTC

    failures = mdo.bulk_upsert(
        [
            DataRowMetadata(
                data_row_id=by_id,
                fields=[
                    DataRowMetadataField(schema_id=TAG, value="by id"),
                    DataRowMetadataField(schema_id=CAPTURE, value=moment),
                    DataRowMetadataField(schema_id=EMBEDDING, value=VECTOR),
                    DataRowMetadataField(schema_id=SPLIT, value=TRAIN),
                    DataRowMetadataField(schema_id=score.uid, value=7.25),
                ],
            ),
            DataRowMetadata(
                data_row_id=by_name,
                fields=[
                    DataRowMetadataField(name="tag", value="by name"),
                    DataRowMetadataField(name="split", value="test"),
                    DataRowMetadataField(name=score.name, value=3),
                ],
            ),
        ]
    )
    assert failures == []

    first, second = mdo.bulk_export([by_id, by_name])
    assert first.data_row_id == by_id and second.data_row_id == by_name
    assert values(first) == {
        TAG: "by id",
        CAPTURE: moment.replace(tzinfo=timezone.utc),
        EMBEDDING: VECTOR,
        SPLIT: TRAIN,
        score.uid: 7.25,
    }
    assert values(second) == {TAG: "by name", SPLIT: TEST, score.uid: 3.0}

    deletes = [
        DeleteDataRowMetadata(data_row_id=by_id, fields=[TAG, SPLIT, score.uid]),
        DeleteDataRowMetadata(data_row_id=by_name, fields=[EMBEDDING, CAPTURE]),
    ]
    assert mdo.bulk_delete(deletes) == []
    first, second = mdo.bulk_export([by_id, by_name])
    assert set(values(first)) == {CAPTURE, EMBEDDING}
    assert values(second) == {TAG: "by name", SPLIT: TEST, score.uid: 3.0}


def test_more_than_one_batch(
    client: labelbox.Client, dataset: Dataset, mdo: DataRowMetadataOntology
) -> None:
    ids = create_rows(client, dataset, 60)
    rows = [
        DataRowMetadata(data_row_id=i, fields=[DataRowMetadataField(schema_id=TAG, value=i)])
        for i in ids
    ]
    assert mdo.bulk_upsert(rows) == []
    assert [values(row) for row in mdo.bulk_export(ids)] == [{TAG: i} for i in ids]
