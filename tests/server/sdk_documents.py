"""Documents exactly as the official Labelbox SDK 3.36.0 sends them (shapes from the wire
spec, §2.3 and Appendix B): inline `where` objects, `$param_N` variables, no commas between
arguments, and a newline inside the argument list of update mutations."""

PROJECT_SEL = (
    "autoAuditNumberOfLabels autoAuditPercentage createdAt description lastActivityTime "
    "allowedMediaType name queueMode setupComplete id updatedAt"
)
DATASET_SEL = "createdAt description name rowCount id updatedAt"
USER_SEL = "createdAt email intercomHash isExternalUser isViewer nickname name picture id updatedAt"
ORGANIZATION_SEL = "createdAt name id updatedAt"
LABELING_FRONTEND_SEL = "description iframeUrlPath name id"

GET_PROJECT = (
    f"query GetProjectPyApi($param_0: ID!){{project(where: {{id: $param_0}}){{{PROJECT_SEL}}}}}"
)

GET_PROJECTS_NOT_DELETED = (
    "query GetProjectsPyApi($param_0: Boolean!){projects(where: {deleted: $param_0} "
    f"skip: 0 first: 100){{{PROJECT_SEL}}}}}"
)

GET_PROJECTS_NAME_AND_CREATED = (
    "query GetProjectsPyApi($param_0: String!, $param_1: DateTime!, $param_2: Boolean!)"
    "{projects(where: {AND: [{AND: [{name: $param_0}, {createdAt_gte: $param_1}]}, "
    f"{{deleted: $param_2}}]}} skip: 0 first: 100){{{PROJECT_SEL}}}}}"
)


def get_projects_by_name(operator: str) -> str:
    """`client.get_projects(where=Project.name <op> x)`: operator is "", "_not", "_lt", ..."""
    return (
        "query GetProjectsPyApi($param_0: String!, $param_1: Boolean!)"
        f"{{projects(where: {{AND: [{{name{operator}: $param_0}}, {{deleted: $param_1}}]}} "
        f"skip: 0 first: 100){{{PROJECT_SEL}}}}}"
    )


def get_dataset_projects_by_name(operator: str) -> str:
    """`dataset.projects(where=Project.name <op> x)`."""
    return (
        "query GetDatasetProjectsPyApi($param_0: String!, $param_1: Boolean!, $param_2: ID!)"
        "{dataset(where: {id: $param_2}){projects(where: {AND: "
        f"[{{name{operator}: $param_0}}, {{deleted: $param_1}}]}} skip: 0 first: 100)"
        f"{{{PROJECT_SEL}}}}}}}"
    )


GET_DATASET_PROJECTS_ORDERED = (
    "query GetDatasetProjectsPyApi($param_0: Boolean!, $param_1: ID!){dataset(where: "
    "{id: $param_1}){projects(where: {deleted: $param_0} skip: 0 first: 100 orderBy: name_DESC)"
    f"{{{PROJECT_SEL}}}}}}}"
)

CREATE_PROJECT = (
    "mutation CreateProjectPyApi($name: String!, $description: String!, "
    "$allowedMediaType: MediaType!, $queueMode: QueueMode!, $autoAuditPercentage: Float!, "
    "$autoAuditNumberOfLabels: Int!){createProject(data: {name: $name description: $description "
    "allowedMediaType: $allowedMediaType queueMode: $queueMode "
    "autoAuditPercentage: $autoAuditPercentage autoAuditNumberOfLabels: $autoAuditNumberOfLabels})"
    f" {{{PROJECT_SEL}}}}}"
)

CREATE_PROJECT_NAME_ONLY = (
    "mutation CreateProjectPyApi($name: String!){createProject(data: {name: $name})"
    f" {{{PROJECT_SEL}}}}}"
)

UPDATE_PROJECT = (
    "mutation updateProjectPyApi($description: String!, $setupComplete: DateTime!, "
    "$ProjectId: ID!){updateProject(\n        where: {id: $ProjectId} data: "
    f"{{description: $description setupComplete: $setupComplete}}) {{{PROJECT_SEL}}}}} "
)

DELETE_PROJECT = (
    "mutation deleteProjectPyApi($ProjectId: ID!){updateProject(where: {id: $ProjectId} "
    "data: {deleted: true}) {id}}"
)

CONNECT_PROJECT_AND_DATASET = (
    "mutation ConnectProjectAndDatasetPyApi($projectId: ID!, $datasetId: ID!){updateProject(\n"
    "        where: {id: $projectId} data: {datasets: {connect: {id: $datasetId}}}) {id}} "
)

DISCONNECT_PROJECT_AND_DATASET = (
    "mutation DisconnectProjectAndDatasetPyApi($projectId: ID!, $datasetId: ID!){updateProject(\n"
    "        where: {id: $projectId} data: {datasets: {disconnect: {id: $datasetId}}}) {id}} "
)

CONNECT_PROJECT_AND_LABELING_FRONTEND = (
    "mutation ConnectProjectAndLabelingFrontendPyApi($projectId: ID!, $labelingFrontendId: ID!)"
    "{updateProject(\n        where: {id: $projectId} data: {labelingFrontend: {connect: "
    "{id: $labelingFrontendId}}}) {id}} "
)

DISCONNECT_PROJECT_AND_LABELING_FRONTEND = (
    "mutation DisconnectProjectAndLabelingFrontendPyApi($projectId: ID!){updateProject(\n"
    "        where: {id: $projectId} data: {labelingFrontend: {disconnect: true}}) {id}} "
)

GET_PROJECT_LABELING_FRONTEND = (
    "query GetProjectLabelingFrontendPyApi($param_0: ID!){project(where: {id: $param_0})"
    f"{{labelingFrontend{{{LABELING_FRONTEND_SEL}}}}}}}"
)

GET_PROJECT_DATASETS = (
    "query GetProjectDatasetsPyApi($param_0: Boolean!, $param_1: ID!){project(where: "
    f"{{id: $param_1}}){{datasets(where: {{deleted: $param_0}} skip: 0 first: 100){{{DATASET_SEL}}}}}}}"
)

GET_PROJECT_CREATED_BY = (
    "query GetProjectCreatedByPyApi($param_0: ID!){project(where: {id: $param_0})"
    f"{{createdBy{{{USER_SEL}}}}}}}"
)

GET_PROJECT_ORGANIZATION = (
    "query GetProjectOrganizationPyApi($param_0: ID!){project(where: {id: $param_0})"
    f"{{organization{{{ORGANIZATION_SEL}}}}}}}"
)

CREATE_DATASET = (
    "mutation CreateDatasetPyApi($name: String!, $projects: ID!){createDataset(data: "
    f"{{name: $name projects: {{connect: {{id: $projects}}}}}}) {{{DATASET_SEL}}}}}"
)

CREATE_DATASET_PLAIN = (
    "mutation CreateDatasetPyApi($name: String!, $description: String!){createDataset(data: "
    f"{{name: $name description: $description}}) {{{DATASET_SEL}}}}}"
)

GET_DATASET = (
    f"query GetDatasetPyApi($param_0: ID!){{dataset(where: {{id: $param_0}}){{{DATASET_SEL}}}}}"
)

GET_DATASETS_NOT_DELETED = (
    "query GetDatasetsPyApi($param_0: Boolean!){datasets(where: {deleted: $param_0} "
    f"skip: 0 first: 100){{{DATASET_SEL}}}}}"
)

UPDATE_DATASET = (
    "mutation updateDatasetPyApi($name: String!, $DatasetId: ID!){updateDataset(\n        where: "
    f"{{id: $DatasetId}} data: {{name: $name}}) {{{DATASET_SEL}}}}} "
)

DELETE_DATASET = (
    "mutation deleteDatasetPyApi($DatasetId: ID!){updateDataset(where: {id: $DatasetId} "
    "data: {deleted: true}) {id}}"
)

CONNECT_DATASET_AND_PROJECT = (
    "mutation ConnectDatasetAndProjectPyApi($datasetId: ID!, $projectId: ID!){updateDataset(\n"
    "        where: {id: $datasetId} data: {projects: {connect: {id: $projectId}}}) {id}} "
)

GET_DATASET_CREATED_BY = (
    "query GetDatasetCreatedByPyApi($param_0: ID!){dataset(where: {id: $param_0})"
    f"{{createdBy{{{USER_SEL}}}}}}}"
)

GET_DATASET_ORGANIZATION = (
    "query GetDatasetOrganizationPyApi($param_0: ID!){dataset(where: {id: $param_0})"
    f"{{organization{{{ORGANIZATION_SEL}}}}}}}"
)

GET_USER = f"query GetUserPyApi{{user{{{USER_SEL}}}}}"

GET_USER_BY_ID = f"query GetUserPyApi($param_0: ID!){{user(where: {{id: $param_0}}){{{USER_SEL}}}}}"

GET_USER_ORG_ROLE = (
    "query GetUserOrgRolePyApi($param_0: ID!){user(where: {id: $param_0}){orgRole{name id}}}"
)

GET_USER_ORGANIZATION = (
    "query GetUserOrganizationPyApi($param_0: ID!){user(where: {id: $param_0})"
    f"{{organization{{{ORGANIZATION_SEL}}}}}}}"
)

GET_USER_PROJECTS = (
    "query GetUserProjectsPyApi($param_0: ID!){user(where: {id: $param_0})"
    f"{{projects(skip: 0 first: 100){{{PROJECT_SEL}}}}}}}"
)

GET_ORGANIZATION = f"query GetOrganizationPyApi{{organization{{{ORGANIZATION_SEL}}}}}"

GET_ORGANIZATION_USERS = (
    f"query GetOrganizationUsersPyApi{{organization{{users(skip: 0 first: 100){{{USER_SEL}}}}}}}"
)

GET_ORGANIZATION_PROJECTS = (
    "query GetOrganizationProjectsPyApi($param_0: Boolean!){organization{projects(where: "
    f"{{deleted: $param_0}} skip: 0 first: 100){{{PROJECT_SEL}}}}}}}"
)

GET_ROLES = "query GetAvailableUserRolesPyApi { roles { id name } }"

GET_LABELING_FRONTENDS = (
    "query GetLabelingFrontendsPyApi($param_0: String!, $param_1: Boolean!)"
    "{labelingFrontends(where: {AND: [{name: $param_0}, {deleted: $param_1}]} skip: 0 first: 100)"
    f"{{{LABELING_FRONTEND_SEL}}}}}"
)

# Our own SDK sends the same operations with typed `where` variables (queries/project.graphql).
OUR_GET_PROJECTS = (
    "query GetProjectsPyApi($where: ProjectWhereInput, $skip: Int, $first: PageSize) {\n"
    "  projects(where: $where, skip: $skip, first: $first) { uid: id name createdAt }\n}"
)
OUR_GET_PROJECT_DATASETS = (
    "query GetProjectDatasetsPyApi($id: ID!, $where: DatasetWhereInput, $skip: Int, "
    "$first: PageSize, $orderBy: DatasetOrderByInput) {\n  project(where: {id: $id}) {\n"
    "    datasets(where: $where, skip: $skip, first: $first, orderBy: $orderBy) { uid: id name }\n"
    "  }\n}"
)

# -- Data rows, uploads, imports, tasks, metadata, global keys, exports (SDK 3.36.0) --------

DATA_ROW_SEL = (
    "createdAt externalId globalKey mediaAttributes customMetadata { schemaId value } "
    "metadataFields { schemaId name value kind } rowData id updatedAt"
)

CREATE_DATA_ROW = (
    "mutation CreateDataRowPyApi($row_data: String!, $media_type: MediaType, $metadata_fields: "
    "[DataRowCustomMetadataUpsertInput!], $external_id: String, $global_key: String, "
    "$attachments: [DataRowAttachmentInput!], $dataset: ID!) { createDataRow(data: {rowData: "
    "$row_data, mediaType: $media_type, metadataFields: $metadata_fields, externalId: "
    "$external_id, globalKey: $global_key, attachments: $attachments, dataset: {connect: "
    f"{{id: $dataset}}}}}}) {{{DATA_ROW_SEL}}} }}"
)
APPEND_ROWS_SYNC = (
    "mutation AppendRowsToDatasetSyncPyApi($datasetId: ID!, $jsonUrl: String!) { "
    "appendRowsToDatasetSync(data: {datasetId: $datasetId, jsonFileUrl: $jsonUrl}) "
    "{ dataset { id } } }"
)
APPEND_ROWS = (
    "mutation AppendRowsToDatasetPyApi($datasetId: ID!, $jsonUrl: String!) { "
    "appendRowsToDataset(data: {datasetId: $datasetId, jsonFileUrl: $jsonUrl}) "
    "{ taskId accepted errorMessage } }"
)
GET_USER_CREATED_TASKS = (
    "query GetUserCreatedTasksPyApi($param_0: ID!, $param_1: ID!){user(where: {id: $param_1})"
    "{createdTasks(where: {id: $param_0} skip: 0 first: 100){completionPercentage createdAt "
    "name result status id updatedAt}}}"
)
GET_TASK = "query getTaskPyApi($taskId: ID!) { task(where: {id: $taskId}) { status } }"
EXPORT_DATASET_DATA_ROWS = (
    "mutation GetDatasetDataRowsExportUrlPyApi($datasetId: ID!, $includeMetadataInput: "
    "Boolean!) { exportDatasetDataRows(data: {datasetId: $datasetId, includeMetadataInput: "
    "$includeMetadataInput}) { downloadUrl createdAt status } }"
)
GET_WINNING_LABEL_ID = (
    "query GetWinningLabelIdPyApi($dataRowId: ID!, $projectId: ID!) { dataRow(where: "
    "{id: $dataRowId}) { labelingActivity(where: {projectId: $projectId}) { selectedLabelId } } }"
)
CREATE_DATA_ROW_ATTACHMENT = (
    "mutation CreateDataRowAttachmentPyApi($type: AttachmentType!, $value: String!, "
    "$dataRowId: ID!) { createDataRowAttachment(data: {type: $type, value: $value, "
    "dataRowId: $dataRowId}) { type value id } }"
)
DELETE_DATA_ROW_ATTACHMENT = (
    "mutation deleteDataRowAttachmentPyApi($attachment_id: ID!) { deleteDataRowAttachment("
    "where: {id: $attachment_id}) { id } }"
)
UPLOAD_FILE = (
    "mutation UploadFile($file: Upload!, $contentLength: Int!, $sign: Boolean) { "
    "uploadFile(file: $file, contentLength: $contentLength, sign: $sign) { url filename } }"
)
EXTERNAL_IDS_TO_DATA_ROW_IDS = (
    "query externalIdsToDataRowIdsPyApi($externalId_in: [String!]!) { externalIdsToDataRowIds("
    "externalId_in: $externalId_in) { dataRowId externalId } }"
)
ASSIGN_GLOBAL_KEYS = (
    "mutation assignGlobalKeysToDataRowsPyApi($globalKeyDataRowLinks: "
    "[AssignGlobalKeyToDataRowInput!]!) { assignGlobalKeysToDataRows(data: {assignInputs: "
    "$globalKeyDataRowLinks}) { jobId } }"
)
ASSIGN_GLOBAL_KEYS_RESULT = (
    "query assignGlobalKeysToDataRowsResultPyApi($jobId: ID!) { assignGlobalKeysToDataRowsResult("
    "jobId: {id: $jobId}) { jobStatus data { sanitizedAssignments { dataRowId globalKey } "
    "invalidGlobalKeyAssignments { dataRowId globalKey } unmodifiedAssignments { dataRowId "
    "globalKey } accessDeniedAssignments { dataRowId globalKey } } } }"
)
GET_DATA_ROWS_FOR_GLOBAL_KEYS = (
    "query getDataRowsForGlobalKeysPyApi($globalKeys: [ID!]!) { dataRowsForGlobalKeys("
    "where: {ids: $globalKeys}) { jobId } }"
)
GET_DATA_ROWS_FOR_GLOBAL_KEYS_RESULT = (
    "query getDataRowsForGlobalKeysResultPyApi($jobId: ID!) { dataRowsForGlobalKeysResult("
    "jobId: {id: $jobId}) { data { fetchedDataRows { id } notFoundGlobalKeys "
    "accessDeniedGlobalKeys deletedDataRowGlobalKeys } jobStatus } }"
)
CLEAR_GLOBAL_KEYS = (
    "mutation clearGlobalKeysPyApi($globalKeys: [ID!]!) { clearGlobalKeys(where: "
    "{ids: $globalKeys}) { jobId } }"
)
CLEAR_GLOBAL_KEYS_RESULT = (
    "query clearGlobalKeysResultPyApi($jobId: ID!) { clearGlobalKeysResult(jobId: {id: $jobId}) "
    "{ data { clearedGlobalKeys failedToClearGlobalKeys notFoundGlobalKeys "
    "accessDeniedGlobalKeys } jobStatus } }"
)
GET_METADATA_ONTOLOGY = (
    "query GetMetadataOntologyBetaPyApi { customMetadataOntology { id name kind reserved "
    "options { id kind name reserved } } }"
)
UPSERT_METADATA_SCHEMA = (
    "mutation UpsertCustomMetadataSchemaPyApi($data: UpsertCustomMetadataSchemaInput!) { "
    "upsertCustomMetadataSchema(data: $data) { id name kind options { id name kind } } }"
)
DELETE_METADATA_SCHEMA = (
    "mutation DeleteCustomMetadataSchemaPyApi($where: WhereUniqueIdInput!) { "
    "deleteCustomMetadataSchema(schema: $where) { success } }"
)
UPSERT_DATA_ROW_METADATA = (
    "mutation UpsertDataRowMetadataBetaPyApi($metadata: [DataRowCustomMetadataBatchUpsertInput!]!)"
    " { upsertDataRowCustomMetadata(data: $metadata) { dataRowId error fields { value "
    "schemaId } } }"
)
DELETE_DATA_ROW_METADATA = (
    "mutation DeleteDataRowMetadataBetaPyApi($deletes: [DataRowCustomMetadataBatchDeleteInput!]!)"
    " { deleteDataRowCustomMetadata(data: $deletes) { dataRowId error fields { value "
    "schemaId } } }"
)
DATA_ROW_CUSTOM_METADATA = (
    "query dataRowCustomMetadataPyApi($dataRowIds: [ID!]!) { dataRowCustomMetadata(where: "
    "{dataRowIds: $dataRowIds}) { dataRowId fields { value schemaId } } }"
)
GET_DATA_ROW = (
    f"query GetDataRowPyApi($param_0: ID!){{dataRow(where: {{id: $param_0}}){{{DATA_ROW_SEL}}}}}"
)
UPDATE_DATA_ROW = (
    "mutation updateDataRowPyApi($externalId: String!, $DataRowId: ID!){updateDataRow(\n"
    "        where: {id: $DataRowId} data: {externalId: $externalId}) "
    f"{{{DATA_ROW_SEL}}}}} "
)


def delete_data_rows(data_row_ids: list[str]) -> str:
    """`DataRow.bulk_delete`: the ids are inlined (as `["ck1", "ck2"]`)."""
    inlined = ", ".join(f'"{data_row_id}"' for data_row_id in data_row_ids)
    return (
        f"mutation deleteDataRowsPyApi{{deleteDataRows(where: {{dataRowIds: [{inlined}]}}){{id}}}}"
    )


GET_DATA_ROW_DATASET = (
    "query GetDataRowDatasetPyApi($param_0: ID!){dataRow(where: {id: $param_0})"
    "{dataset{createdAt description name rowCount id updatedAt}}}"
)
GET_DATA_ROW_LABELS = (
    "query GetDataRowLabelsPyApi($param_0: Boolean!, $param_1: ID!){dataRow(where: "
    "{id: $param_1}){labels(where: {deleted: $param_0} skip: 0 first: 100){agreement "
    "benchmarkAgreement createdAt isBenchmarkReference label secondsToLabel id updatedAt}}}"
)
GET_DATA_ROW_ATTACHMENTS = (
    "query GetDataRowAttachmentsPyApi($param_0: ID!){dataRow(where: {id: $param_0})"
    "{attachments(skip: 0 first: 100){type value id}}}"
)
GET_DATASET_DATA_ROWS_BY_EXTERNAL_ID = (
    "query GetDatasetDataRowsPyApi($param_0: String!, $param_1: ID!){dataset(where: "
    "{id: $param_1}){dataRows(where: {externalId: $param_0} skip: 0 first: 100 orderBy: "
    f"externalId_DESC){{{DATA_ROW_SEL}}}}}}}"
)
GET_DATASET_DATA_ROWS = (
    "query GetDatasetDataRowsPyApi($param_0: ID!){dataset(where: {id: $param_0})"
    f"{{dataRows(skip: 0 first: 100){{{DATA_ROW_SEL}}}}}}}"
)
GET_DATA_ROW_CREATED_BY = (
    "query GetDataRowCreatedByPyApi($param_0: ID!){dataRow(where: {id: $param_0})"
    f"{{createdBy{{{USER_SEL}}}}}}}"
)
GET_DATA_ROW_ORGANIZATION = (
    "query GetDataRowOrganizationPyApi($param_0: ID!){dataRow(where: {id: $param_0})"
    f"{{organization{{{ORGANIZATION_SEL}}}}}}}"
)
