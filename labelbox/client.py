"""`Client`: the entry point of the SDK."""

from __future__ import annotations

import io
import logging
import mimetypes
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from pydantic import ValidationError
from typing_extensions import Unpack

from labelbox import exceptions
from labelbox._generated import operations as ops
from labelbox._generated.base_model import Upload
from labelbox._generated.client import GraphQLClient
from labelbox._generated.entities import DatasetCreateKwargs, ProjectCreateKwargs
from labelbox._global_keys import GlobalKeyJobs, JobResult
from labelbox._http.executor import GraphQLExecutor, experimental_endpoint
from labelbox._http.retry import RetryPolicy
from labelbox._http.transport import DEFAULT_TIMEOUT, build_http_client
from labelbox.orm.comparison import LogicalExpressionComponent
from labelbox.orm.model import D
from labelbox.orm.query import where_input
from labelbox.pagination import PaginatedCollection
from labelbox.schema.data_row import DataRow
from labelbox.schema.dataset import Dataset
from labelbox.schema.labeling_frontend import LabelingFrontend
from labelbox.schema.organization import Organization
from labelbox.schema.project import Project
from labelbox.schema.role import Role, format_role
from labelbox.schema.user import User

if TYPE_CHECKING:
    from labelbox.schema.data_row_metadata import DataRowMetadataOntology

logger = logging.getLogger("labelbox")

DEFAULT_ENDPOINT = "https://api.labelbox.com/graphql"
DEFAULT_APP_URL = "https://app.labelbox.com"

R = TypeVar("R")


class Client:
    """A connection to a Labelbox server, authenticated by an API key.

    >>> client = Client(api_key="<key>")              # or set LABELBOX_API_KEY
    >>> project = client.get_project("<project id>")

    One `httpx.Client` with keep-alive serves every request. Requests are
    retried with exponential backoff and jitter on rate limits (429), gateway
    errors (502/503/504), `INTERNAL_SERVER_ERROR` and connection failures,
    honouring `Retry-After`, within `retries` (a `RetryPolicy`); a mutation is
    only retried when the server cannot have applied it. `timeout` is the
    per-request timeout in seconds; `transport` replaces the HTTP transport
    (for tests and proxies).
    """

    def __init__(
        self,
        api_key: str | None = None,
        endpoint: str = DEFAULT_ENDPOINT,
        enable_experimental: bool = False,
        app_url: str = DEFAULT_APP_URL,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        retries: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("LABELBOX_API_KEY")
        if not api_key:
            raise exceptions.AuthenticationError("Labelbox API key not provided")
        self.endpoint = endpoint
        self.app_url = app_url
        self.enable_experimental = enable_experimental
        self._http = build_http_client(timeout=timeout, transport=transport)
        retry_policy = retries or RetryPolicy()
        self._executor = GraphQLExecutor(
            self._http, endpoint, api_key, retry=retry_policy, timeout=timeout
        )
        self._experimental_executor = GraphQLExecutor(
            self._http,
            experimental_endpoint(endpoint),
            api_key,
            retry=retry_policy,
            timeout=timeout,
        )
        self._gql = GraphQLClient(self._executor)
        self._gql_experimental = GraphQLClient(self._experimental_executor)
        self._ontology: DataRowMetadataOntology | None = None
        self._ontology_lock = threading.Lock()
        if enable_experimental:
            logger.info("Experimental features have been enabled")

    def __repr__(self) -> str:
        return f"<labelbox.Client endpoint={self.endpoint!r}>"

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- raw GraphQL -------------------------------------------------------------

    def execute(
        self,
        query: str | None = None,
        params: dict[str, Any] | None = None,
        data: Any = None,
        files: Any = None,
        timeout: float = DEFAULT_TIMEOUT,
        experimental: bool = False,
    ) -> dict[str, Any] | None:
        """Run a GraphQL document and return the response's `data`.

        The escape hatch for operations the SDK has no method for. Errors are
        raised as `labelbox.exceptions` by `extensions.code`; as in Labelbox's
        SDK, a `RESOURCE_NOT_FOUND` error makes this return None. With `data`
        and `files`, a prebuilt multipart GraphQL request is sent instead.
        """
        executor = self._experimental_executor if experimental else self._executor
        try:
            if data is not None:
                return executor.send_form(data, files or {}, timeout=timeout)
            if query is None:
                raise ValueError("Either query or data must be given")
            return executor(query, None, dict(params or {}), timeout=timeout)
        except exceptions.ResourceNotFoundError:
            return None

    def _run(
        self, query: str, variables: dict[str, Any], experimental: bool = False
    ) -> dict[str, Any]:
        """Run a document; not-found errors raise `ResourceNotFoundError`."""
        executor = self._experimental_executor if experimental else self._executor
        return executor(query, None, variables)

    def _call(self, operation: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """Call a generated operation, reporting response mismatches as SDK errors."""
        try:
            return operation(*args, **kwargs)
        except ValidationError as error:
            raise exceptions.ResponseValidationError(
                f"Unexpected response to {getattr(operation, '__name__', operation)}: {error}"
            ) from None

    # -- user, organization, roles ---------------------------------------------------

    def get_user(self) -> User:
        """The user the API key belongs to."""
        user = self._call(self._gql.get_user_py_api).user
        if user is None:
            raise exceptions.ResourceNotFoundError(User, {})
        return User(self, user)

    def get_organization(self) -> Organization:
        """The organization of the API key's user."""
        organization = self._call(self._gql.get_organization_py_api).organization
        if organization is None:
            raise exceptions.ResourceNotFoundError(Organization, {})
        return Organization(self, organization)

    def get_roles(self) -> dict[str, Role]:
        """Roles keyed by upper-case name with `_` for spaces (`"ADMIN"`, `"TEAM_MANAGER"`)."""
        roles = self._call(self._gql.get_available_user_roles_py_api).roles
        return {format_role(role.name): Role(self, role) for role in roles}

    # -- projects ----------------------------------------------------------------------

    def get_project(self, project_id: str) -> Project:
        """The project with this id; `ResourceNotFoundError` if there is none."""
        return self._get_by_id(Project, self._gql.get_project_py_api, project_id, "project")

    def get_projects(
        self, where: LogicalExpressionComponent | None = None
    ) -> PaginatedCollection[Project]:
        """Projects matching `where` (e.g. `Project.name == "x"`), deleted ones left out."""
        return self._list(ops.GET_PROJECTS_PY_API_GQL, "projects", Project, where)

    def create_project(self, **kwargs: Unpack[ProjectCreateKwargs]) -> Project:
        """Create a project.

        >>> client.create_project(name="p", media_type=MediaType.Image, queue_mode=QueueMode.Batch)

        Unknown names or values of the wrong type raise `InvalidAttributeError`
        before anything is sent.
        """
        data = Project._input_from(
            kwargs, Project._create_input, Project._create_fields, Project._create_relations
        )
        return Project(self, self._call(self._gql.create_project_py_api, data).create_project)

    # -- datasets ----------------------------------------------------------------------

    def get_dataset(self, dataset_id: str) -> Dataset:
        """The dataset with this id; `ResourceNotFoundError` if there is none."""
        return self._get_by_id(Dataset, self._gql.get_dataset_py_api, dataset_id, "dataset")

    def get_datasets(
        self, where: LogicalExpressionComponent | None = None
    ) -> PaginatedCollection[Dataset]:
        """Datasets matching `where`, deleted ones left out."""
        return self._list(ops.GET_DATASETS_PY_API_GQL, "datasets", Dataset, where)

    def create_dataset(
        self, iam_integration: Any = "DEFAULT", **kwargs: Unpack[DatasetCreateKwargs]
    ) -> Dataset:
        """Create a dataset; `projects=project` attaches it to a project.

        `iam_integration` selects delegated access: `"DEFAULT"` (the
        organization's default, if any) or None. Naming a specific integration
        is not supported yet and raises `InvalidAttributeError`.
        """
        if iam_integration not in ("DEFAULT", None):
            raise exceptions.InvalidAttributeError(
                Dataset, "iam_integration", "only 'DEFAULT' or None are supported"
            )
        data = Dataset._input_from(
            kwargs, Dataset._create_input, Dataset._create_fields, Dataset._create_relations
        )
        return Dataset(self, self._call(self._gql.create_dataset_py_api, data).create_dataset)

    # -- labeling frontends -------------------------------------------------------------

    def get_labeling_frontends(
        self, where: LogicalExpressionComponent | None = None
    ) -> PaginatedCollection[LabelingFrontend]:
        """Labeling frontends matching `where` (`LabelingFrontend.name == "Editor"`)."""
        return self._list(
            ops.GET_LABELING_FRONTENDS_PY_API_GQL, "labelingFrontends", LabelingFrontend, where
        )

    # -- files ---------------------------------------------------------------------------

    def upload_file(self, path: str) -> str:
        """Upload a local file and return a URL that serves its bytes (streamed, not read into memory)."""
        return self._upload_path(Path(path))

    def upload_data(
        self,
        content: bytes | str,
        filename: str | None = None,
        content_type: str | None = None,
        sign: bool = False,
    ) -> str:
        """Upload bytes and return a URL that serves them. `content_type` defaults to a
        guess from `filename`."""
        if isinstance(content, str):
            content = content.encode()
        return self._upload(io.BytesIO(content), len(content), filename, content_type, sign)

    def _upload_path(self, path: Path) -> str:
        with path.open("rb") as stream:
            return self._upload(stream, path.stat().st_size, path.name, None, False)

    def _upload(
        self,
        stream: io.BufferedIOBase,
        size: int,
        filename: str | None,
        content_type: str | None,
        sign: bool,
    ) -> str:
        if content_type is None and filename:
            content_type = mimetypes.guess_type(filename)[0]
        upload = Upload(filename or "1", stream, content_type or "")
        # An upload only stores a file: repeating it after a failure is harmless.
        result = self._call(self._gql.upload_file, upload, size, sign, idempotent=True)
        return result.upload_file.url

    # -- data rows -----------------------------------------------------------------------

    def get_data_row(self, data_row_id: str) -> DataRow:
        """The data row with this id; `ResourceNotFoundError` if there is none."""
        return self._get_by_id(DataRow, self._gql.get_data_row_py_api, data_row_id, "data_row")

    def get_data_row_ids_for_external_ids(
        self, external_ids: Sequence[str]
    ) -> dict[str, list[str]]:
        """Data-row ids by external id (every match, oldest first), in batches of 1,000 ids."""
        found: dict[str, list[str]] = {}
        for start in range(0, len(external_ids), 1000):
            batch = list(external_ids[start : start + 1000])
            result = self._call(self._gql.external_ids_to_data_row_ids_py_api, batch)
            for match in result.external_ids_to_data_row_ids:
                found.setdefault(match.external_id, []).append(match.data_row_id)
        return found

    def assign_global_keys_to_data_rows(
        self, global_key_to_data_row_inputs: Sequence[dict[str, str]], timeout_seconds: float = 60
    ) -> JobResult:
        """Give data rows global keys: `[{"data_row_id": ..., "global_key": ...}, ...]`.

        Returns `{"status", "results", "errors"}`: status `SUCCESS`, `PARTIAL SUCCESS`
        or `FAILURE`; results list each assignment with `sanitized` (whether the
        server changed the key); errors each rejected one with the reason.
        """
        return GlobalKeyJobs(self).assign(global_key_to_data_row_inputs, timeout_seconds)

    def get_data_row_ids_for_global_keys(
        self, global_keys: Sequence[str], timeout_seconds: float = 60
    ) -> JobResult:
        """Data-row ids for global keys, in order (`""` where a key matches none)."""
        return GlobalKeyJobs(self).lookup(global_keys, timeout_seconds)

    def clear_global_keys(
        self, global_keys: Sequence[str], timeout_seconds: float = 60
    ) -> JobResult:
        """Remove global keys from the data rows that hold them."""
        return GlobalKeyJobs(self).clear(global_keys, timeout_seconds)

    # -- metadata --------------------------------------------------------------------------

    def get_data_row_metadata_ontology(self) -> DataRowMetadataOntology:
        """The organization's data-row metadata schemas (reserved and custom), freshly fetched."""
        from labelbox.schema.data_row_metadata import DataRowMetadataOntology

        ontology = DataRowMetadataOntology(self)
        with self._ontology_lock:
            self._ontology = ontology
        return ontology

    def _metadata_ontology(self) -> DataRowMetadataOntology:
        """The metadata ontology, fetched once per client and reused."""
        with self._ontology_lock:
            if self._ontology is not None:
                return self._ontology
        return self.get_data_row_metadata_ontology()

    def _metadata_parser(self) -> Callable[[Sequence[Any]], list[dict[str, Any]]]:
        return self._metadata_ontology().parse_upsert_metadata

    # -- helpers -------------------------------------------------------------------------

    def _get_by_id(
        self, entity: type[D], operation: Callable[..., Any], uid: str, root_field: str
    ) -> D:
        """`entity` from an operation that looks one object up by id; not found (a null
        result or a `RESOURCE_NOT_FOUND` error) raises `ResourceNotFoundError` for it."""
        try:
            found = getattr(self._call(operation, uid), root_field)
        except exceptions.ResourceNotFoundError:
            found = None
        if found is None:
            raise exceptions.ResourceNotFoundError(entity, {"id": uid})
        return entity(self, found)

    def _list(
        self,
        query: str,
        root_field: str,
        entity: type[D],
        where: LogicalExpressionComponent | None,
    ) -> PaginatedCollection[D]:
        variables: dict[str, Any] = {}
        where_value = where_input(where, entity, filter_deleted=True)
        if where_value is not None:
            variables["where"] = where_value
        return PaginatedCollection(self, query, variables, [root_field], entity)
