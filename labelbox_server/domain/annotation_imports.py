"""Annotation imports: NDJSON files of annotations, checked against an ontology and applied in
the background, each annotation with its own status.

One pipeline serves every kind of import (`ImportKind`: labels into a project here;
model-assisted predictions and model-run predictions reuse it). A kind names what it
imports into (its parent: a project, a model run) and provides an `ImportTarget`: the
ontology to check against, which data rows may take annotations, and how valid annotations
are stored. The pipeline:

1. `create_import` stores the file (a multipart part) in the blob store, or takes a URL:
   one this server signed (read from the blob store), or one its outbound policy allows
   (refused otherwise, before anything is recorded); records the import (RUNNING; names are
   unique per kind and parent) and starts a task for it. The task downloads an outside URL
   into the blob store first (size limit, timeout, no redirects: `outbound`), outside any
   write transaction;
2. the task reads the file line by line and checks every row (`annotation_rows`): against
   the ontology, for a duplicate `uuid`, and for a data row the target accepts;
3. valid rows are applied data row by data row, in batches committed with the task's
   checkpoint; the target skips data rows already applied, so a task resumed after a restart
   applies each row once;
4. the status file (one line per row: `uuid`, `dataRow {id}`, `status` SUCCESS | FAILURE,
   `errors [{name, message}]`) and the error file (the failures) are written to the blob
   store, and the import is FINISHED.

Invalid rows never stop valid ones. An import whose file cannot be read (or whose task gives
up) is FAILED, and what it applied is removed.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol, cast

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..db.models import AnnotationImport, Base, OrganizationOwned
from ..errors import MalformedRequest, ResourceConflict, ResourceNotFound
from ..outbound import OutboundError
from ..storage import BlobNotFound, BlobTooLarge, Storage
from . import clock, ids, store, tasks
from .annotation_rows import Annotation, CheckedRow, check_row
from .context import Caller
from .ontology_index import OntologyIndex

RUNNING, FINISHED, FAILED = "RUNNING", "FINISHED", "FAILED"
ANNOTATION_IMPORT = tasks.TaskKind("annotation_import", "Import annotations", listed=False)
#: Data rows applied per transaction.
BATCH_SIZE = 500
NDJSON = "application/x-ndjson"
#: Downloads kept in memory up to this size, then spooled to disk.
SPOOL_BYTES = 8 * 1024 * 1024
_KINDS: dict[str, ImportKind] = {}


class ImportTarget(Protocol):
    """Where the annotations of one kind of import go."""

    def ontology(
        self, session: Session, caller: Caller, parent_id: str
    ) -> Mapping[str, Any] | None:
        """The normalized ontology rows are checked against (None: there is none)."""
        ...

    def unavailable_rows(
        self, session: Session, caller: Caller, parent_id: str, data_row_ids: Sequence[str]
    ) -> Mapping[str, tuple[str, str]]:
        """Data rows that cannot take annotations: id → (error name, message)."""
        ...

    def apply(
        self,
        session: Session,
        caller: Caller,
        record: AnnotationImport,
        rows: Mapping[str, Sequence[Annotation]],
    ) -> None:
        """Store the annotations of these data rows, skipping rows already applied."""
        ...

    def remove(self, session: Session, record: AnnotationImport) -> None:
        """Undo what the import applied (it FAILED)."""
        ...


@dataclass(frozen=True)
class ImportKind:
    """A kind of annotation import: `name` is stored, `type_name` names it in messages,
    `parent` is the model of what it imports into; `keeps_confidence`: its rows' confidences
    are checked and kept (else ignored)."""

    name: str
    type_name: str
    parent: type[OrganizationOwned]
    target: ImportTarget
    keeps_confidence: bool = False

    def __post_init__(self) -> None:
        if _KINDS.setdefault(self.name, self) is not self:
            raise ValueError(f"import kind {self.name!r} is defined twice")


# -- creating and reading ---------------------------------------------------------------------


def create_import(
    session: Session,
    caller: Caller,
    storage: Storage,
    kind: ImportKind,
    parent_id: str,
    data: Mapping[str, Any],
) -> AnnotationImport:
    """A new RUNNING import of `data["file_url"]` or `data["file_payload"]["file"]` (a
    multipart file) into the parent, and its task."""
    assert isinstance(kind.parent, type) and issubclass(kind.parent, Base)
    parent = store.get(session, caller, kind.parent, parent_id)
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise MalformedRequest("name must be a non-empty string")
    url, payload = data.get("file_url"), data.get("file_payload")
    if (url is None) == (payload is None):
        raise MalformedRequest("Give either fileUrl or filePayload")
    if _find(session, caller, kind, parent.id, name) is not None:
        raise ResourceConflict(f'A {kind.type_name} named "{name}" already exists for {parent_id}')
    import_id = ids.new_id()
    if url is not None:
        input_key = storage.key_of(url)
        if input_key is None:
            _check_fetchable(storage, url)
    elif isinstance(payload, Mapping):
        input_key = _input_key(import_id)
        _store_file(storage, input_key, payload.get("file"))
    now = clock.now()
    record = AnnotationImport(
        id=import_id,
        organization_id=caller.organization_id,
        kind=kind.name,
        parent_id=parent.id,
        name=name,
        state=RUNNING,
        progress="0%",
        input_key=input_key,
        input_url=url,
        created_by_id=caller.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(record)
    session.flush()
    task = tasks.start_task(
        session, caller, ANNOTATION_IMPORT, payload={"import_id": import_id}, subject_id=parent.id
    )
    record.task_id = task.id
    session.flush()
    return record


def _check_fetchable(storage: Storage, url: str) -> None:
    if not isinstance(url, str) or storage.looks_signed(url):
        raise MalformedRequest("fileUrl is not a valid URL of this server (expired or altered)")
    try:
        storage.outbound.check(url)
    except OutboundError as error:
        raise MalformedRequest(
            f"fileUrl must be a URL this server signed (e.g. from uploadFile) or one it may "
            f"fetch: {error}"
        ) from None


def _input_key(import_id: str) -> str:
    return f"annotation-imports/{import_id}/input.ndjson"


def _download_input(run: tasks.TaskRun, record: AnnotationImport) -> str:
    """Download the import's outside URL into the blob store (once); returns the key."""
    assert record.input_url is not None
    key = _input_key(record.id)
    if not run.storage.blobs.exists(key):
        with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as spool:
            try:
                run.storage.outbound.fetch_to(record.input_url, spool)
            except OutboundError as error:
                raise tasks.TaskFailed(f"Could not download the import file: {error}") from None
            spool.seek(0)
            run.storage.blobs.put_stream(key, cast(BinaryIO, spool), NDJSON)
    with run.sessions.session(write=True) as session:
        run.checkpoint(session)
        _set(session, record.id, input_key=key)
        session.commit()
    return key


def _store_file(storage: Storage, key: str, file: Any) -> None:
    stream = getattr(file, "file", None)
    if stream is None:
        raise MalformedRequest("filePayload.file must be a file part of a multipart request")
    try:
        storage.blobs.put_stream(key, stream, NDJSON, max_bytes=storage.max_upload_bytes)
    except BlobTooLarge:
        raise MalformedRequest(
            f"The file is larger than the upload limit of {storage.max_upload_bytes} bytes"
        ) from None


def _find(
    session: Session, caller: Caller, kind: ImportKind, parent_id: str, name: str
) -> AnnotationImport | None:
    return session.scalars(
        store.scoped(caller, AnnotationImport).where(
            AnnotationImport.kind == kind.name,
            AnnotationImport.parent_id == parent_id,
            AnnotationImport.name == name,
        )
    ).one_or_none()


def find_import(
    session: Session, caller: Caller, kind: ImportKind, parent_id: str, name: str
) -> AnnotationImport:
    """The import of this kind, parent and name (`RESOURCE_NOT_FOUND` if none)."""
    record = _find(session, caller, kind, parent_id, name)
    if record is None:
        raise ResourceNotFound(f'{kind.type_name} "{name}" not found for {parent_id}')
    return record


def input_file_url(storage: Storage, record: AnnotationImport) -> str | None:
    """The URL the import was given, or one serving the file it stored."""
    if record.input_url is not None:
        return record.input_url
    return storage.stored_url(record.input_key, record.created_at) if record.input_key else None


def result_file_url(storage: Storage, record: AnnotationImport, key: str | None) -> str | None:
    """A URL serving one of the import's result files (None until it is FINISHED)."""
    return storage.stored_url(key, record.updated_at) if key else None


# -- running ----------------------------------------------------------------------------------


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(stream, start=1):
        if line.strip():
            yield number, line


def read_rows(
    stream: BinaryIO, ontology: OntologyIndex, *, keep_confidence: bool = False
) -> list[CheckedRow]:
    """Every row of an NDJSON file, checked (a row that is not JSON, or repeats an earlier
    row's uuid, fails)."""
    checked: list[CheckedRow] = []
    seen: set[str] = set()
    for number, line in _lines(stream):
        try:
            row = json.loads(line)
        except ValueError:
            result = CheckedRow(None, None)
            result.fail("InvalidJson", f"line {number} is not valid JSON")
            checked.append(result)
            continue
        result = check_row(row, ontology, keep_confidence=keep_confidence)
        if result.uuid is not None:
            if result.uuid in seen:
                result.fail("DuplicateUuid", f'uuid "{result.uuid}" is used by an earlier row')
            seen.add(result.uuid)
        checked.append(result)
    return checked


def _status(row: CheckedRow) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "dataRow": {"id": row.data_row_id} if row.data_row_id else None,
        "status": "SUCCESS" if row.ok else "FAILURE",
        "errors": row.errors,
    }


def _write_results(storage: Storage, import_id: str, rows: Sequence[CheckedRow]) -> tuple[str, str]:
    status_key = f"annotation-imports/{import_id}/status.ndjson"
    error_key = f"annotation-imports/{import_id}/errors.ndjson"
    with (
        storage.blobs.writer(status_key, NDJSON) as statuses,
        storage.blobs.writer(error_key, NDJSON) as errors,
    ):
        for row in rows:
            line = json.dumps(_status(row)).encode() + b"\n"
            statuses.write(line)
            if not row.ok:
                errors.write(line)
    return status_key, error_key


def _set(session: Session, import_id: str, **values: Any) -> None:
    session.execute(
        update(AnnotationImport)
        .where(AnnotationImport.id == import_id)
        .values(updated_at=clock.now(), **values)
        .execution_options(synchronize_session=False)
    )


@tasks.handles(ANNOTATION_IMPORT)
class AnnotationImportHandler:
    """Runs (and resumes) annotation imports of every kind."""

    def run(self, run: tasks.TaskRun) -> None:
        import_id = run.payload["import_id"]
        with run.sessions.session() as session:
            record = session.get(AnnotationImport, import_id)
            if record is None:
                raise tasks.TaskFailed("The import no longer exists")
            session.expunge(record)
        kind = _KINDS[record.kind]
        if record.state != RUNNING:
            with run.sessions.session(write=True) as session:
                run.complete(session)
                session.commit()
            return
        with run.sessions.session() as session:
            ontology = OntologyIndex.from_normalized(
                kind.target.ontology(session, run.caller, record.parent_id)
            )
        input_key = record.input_key or _download_input(run, record)
        try:
            with run.storage.blobs.open(input_key) as stream:
                rows = read_rows(stream, ontology, keep_confidence=kind.keeps_confidence)
        except BlobNotFound:
            raise tasks.TaskFailed("The import file no longer exists") from None
        run.check_stop()
        self._check_data_rows(run, kind, record, rows)
        self._apply(run, kind, record, rows)
        status_key, error_key = _write_results(run.storage, import_id, rows)
        with run.sessions.session(write=True) as session:
            run.complete(session)
            _set(
                session,
                import_id,
                state=FINISHED,
                progress="100%",
                status_key=status_key,
                error_key=error_key,
            )
            session.commit()

    @staticmethod
    def _check_data_rows(
        run: tasks.TaskRun, kind: ImportKind, record: AnnotationImport, rows: list[CheckedRow]
    ) -> None:
        wanted = list(dict.fromkeys(r.data_row_id for r in rows if r.ok and r.data_row_id))
        with run.sessions.session() as session:
            unavailable = kind.target.unavailable_rows(
                session, run.caller, record.parent_id, wanted
            )
        for row in rows:
            problem = unavailable.get(row.data_row_id or "") if row.ok else None
            if problem is not None:
                row.fail(*problem)

    @staticmethod
    def _apply(
        run: tasks.TaskRun, kind: ImportKind, record: AnnotationImport, rows: list[CheckedRow]
    ) -> None:
        by_row: dict[str, list[Annotation]] = {}
        for row in rows:
            if row.ok and row.annotation is not None and row.data_row_id is not None:
                by_row.setdefault(row.data_row_id, []).append(row.annotation)
        data_row_ids = list(by_row)
        total = max(len(data_row_ids), 1)
        for start in range(0, len(data_row_ids), BATCH_SIZE):
            run.check_stop()
            batch = {row_id: by_row[row_id] for row_id in data_row_ids[start : start + BATCH_SIZE]}
            with run.sessions.session(write=True) as session:
                run.checkpoint(session)
                kind.target.apply(session, run.caller, record, batch)
                done = min(99, int(100 * (start + len(batch)) / total))
                _set(session, record.id, progress=f"{done}%")
                session.commit()

    def cleanup(self, run: tasks.TaskRun, message: str) -> None:
        """Mark the import FAILED and remove what it applied."""
        import_id = run.payload.get("import_id")
        with run.sessions.session(write=True) as session:
            record = session.get(AnnotationImport, import_id) if import_id else None
            if record is None:
                return
            _KINDS[record.kind].target.remove(session, record)
            _set(session, record.id, state=FAILED, error=message)
            session.commit()
