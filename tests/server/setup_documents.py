"""Documents of ontologies, project setup and the labeling queue exactly as the official
Labelbox SDK 3.36.0 sends them (wire spec §3.7-3.11, §3.20, §4.1, §4.3, §4.5)."""

from .sdk_documents import PROJECT_SEL

ONTOLOGY_SEL = (
    "classificationSchemaCount createdAt description name normalized objectSchemaCount id updatedAt"
)
FEATURE_SCHEMA_SEL = "name name normalized id"

# -- ontologies and feature schemas (§4.1) ------------------------------------------------

CREATE_ONTOLOGY = (
    "mutation upsertRootSchemaNodePyApi($data:  UpsertOntologyInput!){\n"
    f"                           upsertOntology(data: $data){{ {ONTOLOGY_SEL} }}\n"
    "        } "
)
CREATE_FEATURE_SCHEMA = (
    "mutation upsertRootSchemaNodePyApi($data:  UpsertRootSchemaNodeInput!){\n"
    f"                        upsertRootSchemaNode(data: $data){{ {FEATURE_SCHEMA_SEL} }}\n"
    "        } "
)
GET_ONTOLOGY = (
    f"query GetOntologyPyApi($param_0: ID!){{ontology(where: {{id: $param_0}}){{{ONTOLOGY_SEL}}}}}"
)
GET_ONTOLOGIES = (
    "query getOntologiesPyApi($search: String, $filter: OntologyFilter, $from : String, "
    "$first: PageSize){\n"
    "            ontologies(where: {filter: $filter, search: $search}, after: $from, "
    "first: $first){\n"
    f"                nodes {{{ONTOLOGY_SEL}}}\n"
    "                nextCursor\n"
    "            }\n"
    "        }\n"
    "        "
)
GET_FEATURE_SCHEMA = (
    "query rootSchemaNodePyApi($rootSchemaNodeWhere: RootSchemaNodeWhere!){\n"
    f"              rootSchemaNode(where: $rootSchemaNodeWhere){{{FEATURE_SCHEMA_SEL}}}\n"
    "        }"
)
GET_FEATURE_SCHEMAS = (
    "query rootSchemaNodesPyApi($search: String, $filter: RootSchemaNodeFilter, "
    "$from : String, $first: PageSize){\n"
    "            rootSchemaNodes(where: {filter: $filter, search: $search}, after: $from, "
    "first: $first){\n"
    f"                nodes {{{FEATURE_SCHEMA_SEL}}}\n"
    "                nextCursor\n"
    "            }\n"
    "        }\n"
    "        "
)
GET_ONTOLOGY_PROJECTS = (
    "query GetOntologyProjectsPyApi($param_0: Boolean!, $param_1: ID!){ontology(where: "
    f"{{id: $param_1}}){{projects(where: {{deleted: $param_0}} skip: 0 first: 100)"
    f"{{{PROJECT_SEL}}}}}}}"
)
GET_PROJECT_ONTOLOGY = (
    "query GetProjectOntologyPyApi($param_0: ID!){project(where: {id: $param_0})"
    f"{{ontology{{{ONTOLOGY_SEL}}}}}}}"
)

# -- project setup (§3.8, §4.3) ---------------------------------------------------------------

CREATE_LABELING_FRONTEND_OPTIONS = (
    "mutation CreateLabelingFrontendOptionsPyApi($project: ID!, $labelingFrontend: ID!, "
    "$customizationOptions: String!){createLabelingFrontendOptions(data: {project: {connect: "
    "{id: $project}} labelingFrontend: {connect: {id: $labelingFrontend}} customizationOptions: "
    "$customizationOptions}) {customizationOptions id}} "
)
GET_PROJECT_LABELING_FRONTEND_OPTIONS = (
    "query GetProjectLabelingFrontendOptionsPyApi($param_0: ID!){project(where: {id: $param_0})"
    "{labelingFrontendOptions(skip: 0 first: 100){customizationOptions id}}}"
)
#: A relationship of LabelingFrontendOptions: the real API has no such root field.
GET_LABELING_FRONTEND_OPTIONS_PROJECT = (
    "query GetLabelingFrontendOptionsProjectPyApi($param_0: ID!){labelingFrontendOptions("
    f"where: {{id: $param_0}}){{project{{{PROJECT_SEL}}}}}}}"
)
CONNECT_ONTOLOGY = (
    "mutation ConnectOntologyPyApi($projectId: ID!, $ontologyId: ID!){\n"
    "            project(where: {id: $projectId}) {connectOntology(ontologyId: $ontologyId) "
    "{id}}}"
)
SET_PROJECT_INSTRUCTIONS = (
    "mutation setprojectinsructionsPyApi($projectId: ID!, $instructions_url: String!) {\n"
    "                setProjectInstructions(\n"
    "                    where: {id: $projectId},\n"
    "                    data: {instructionsUrl: $instructions_url}\n"
    "                ) {\n"
    "                    id\n"
    "                    ontology {\n"
    "                    id\n"
    "                    options\n"
    "                    }\n"
    "                }\n"
    "            }"
)

# -- batches and the queue (§3.9, §3.20, §4.3, §4.5) ------------------------------------------

BATCH_SEL = "consensusSettingsJson createdAt name size id updatedAt"
CHECK_PROCESSED = (
    "query CheckAllDataRowsHaveBeenProcessedPyApi($data_row_ids: [ID!]!) {\n"
    "            queryAllDataRowsHaveBeenProcessed(dataRowIds:$data_row_ids) {\n"
    "                allDataRowsHaveBeenProcessed\n"
    "           }\n"
    "        }"
)
CREATE_BATCH = (
    "mutation createBatchV2PyApi($projectId: ID!, $batchInput: CreateBatchInput!) {\n"
    "                  project(where: {id: $projectId}) {\n"
    "                    createBatchV2(input: $batchInput) {\n"
    "                        batch {\n"
    f"                            {BATCH_SEL}\n"
    "                        }\n"
    "                        failedDataRowIds\n"
    "                    }\n"
    "                  }\n"
    "                }\n"
    "            "
)
CREATE_EMPTY_BATCH = (
    "mutation createEmptyBatchPyApi($projectId: ID!, $input: CreateEmptyBatchInput!) {\n"
    "  project(where: {id: $projectId}) { createEmptyBatch(input: $input) { id } } }"
)
ADD_DATA_ROWS_TO_BATCH_ASYNC = (
    "mutation addDataRowsToBatchAsyncPyApi($projectId: ID!, $input: AddDataRowsToBatchInput!) {\n"
    "  project(where: {id: $projectId}) { addDataRowsToBatchAsync(input: $input) { taskId } } }"
)
GET_TASK = "query getTaskPyApi($taskId: ID!) {\n  task(where: {id: $taskId}) {\n status\n } }"
GET_PROJECT_BATCH = (
    "query getProjectBatchPyApi($projectId: ID!, $batchId: ID!) {\n"
    "  project(where: {id: $projectId}) {\n"
    f"     batches(where: {{id: $batchId}}) {{ nodes {{ {BATCH_SEL} }} }} }} }}"
)
GET_PROJECT_BATCHES = (
    "query GetProjectBatchesPyApi($from: String, $first: PageSize, $projectId: ID!) {\n"
    "            project(where: {id: $projectId}) {id\n"
    f"            batches(after: $from, first: $first) {{ nodes {{ {BATCH_SEL} }} "
    "pageInfo { endCursor }}}}\n        "
)
GET_BATCH_PROJECT = (
    "query getProjectPyApi($projectId: ID!) {\n            project(\n"
    f"                where: {{id: $projectId}}){{\n                    {PROJECT_SEL}\n"
    "                }}"
)
REMOVE_QUEUED_DATA_ROWS = (
    "mutation RemoveQueuedDataRowsFromBatchPyApi($projectId: ID!, $batchId: ID!) {\n"
    "            project(where: {id: $projectId}) { removeQueuedDataRowsFromBatch(batchId: "
    "$batchId) { id } }\n        }"
)
DELETE_BATCH = (
    "mutation DeleteBatchPyApi($projectId: ID!, $batchId: ID!) {\n"
    "            project(where: {id: $projectId}) { deleteBatch(batchId: $batchId) "
    "{ deletedBatchId } }\n        }"
)
EXPORT_BATCH_DATA_ROWS = (
    "mutation GetBatchDataRowsExportUrlPyApi($batchId: ID!, $includeMetadataInput: Boolean!)\n"
    "            {exportBatchDataRows(data:{batchId: $batchId , includeMetadataInput: "
    "$includeMetadataInput}) {downloadUrl createdAt status}}\n        "
)
EXPORT_QUEUED_DATA_ROWS = (
    "mutation GetQueuedDataRowsExportUrlPyApi($projectId: ID!, $includeMetadataInput: Boolean!)\n"
    "            {exportQueuedDataRows(data:{projectId: $projectId , includeMetadataInput: "
    "$includeMetadataInput}) {downloadUrl createdAt status} }\n        "
)
GET_BATCH_USER = (
    "query GetBatchUserPyApi($param_0: ID!){batch(where: {id: $param_0}){user{"
    "createdAt email intercomHash isExternalUser isViewer nickname name picture id updatedAt}}}"
)


def set_labeling_parameter_overrides(items: list[tuple[str, int, int]]) -> str:
    """`project.set_labeling_parameter_overrides`: the overrides inlined in the document."""
    data = ",\n".join(
        f'{{dataRow: {{id: "{row}"}}, priority: {priority}, numLabels: {labels} }}'
        for row, priority, labels in items
    )
    return (
        "mutation SetLabelingParameterOverridesPyApi($projectId: ID!){\n"
        "            project(where: { id: $projectId }) {setLabelingParameterOverrides\n"
        f"            (data: [{data}]) {{success}}}}}} "
    )


def unset_labeling_parameter_overrides(row_ids: list[str]) -> str:
    data = ",\n".join(f'{{dataRowId: "{row_id}"}}' for row_id in row_ids)
    return (
        "mutation UnsetLabelingParameterOverridesPyApi($projectId: ID!){\n"
        "            project(where: { id: $projectId}) {\n"
        f"            unsetLabelingParameterOverrides(data: [{data}]) {{ success }}}}}}"
    )


GET_PROJECT_LABELING_PARAMETER_OVERRIDES = (
    "query GetProjectLabelingParameterOverridesPyApi($param_0: ID!){project(where: {id: "
    "$param_0}){labelingParameterOverrides(skip: 0 first: 100){numberOfLabels priority id "
    "dataRow{createdAt externalId globalKey mediaAttributes customMetadata { schemaId value } "
    "metadataFields { schemaId name value kind } rowData id updatedAt}}}}"
)
SET_TAG_SET_STATUS = (
    "mutation setTagSetStatusPyApi($projectId: ID!, $status: TagSetStatusInput!) {\n"
    "              project(where: {id: $projectId}) {\n"
    "                 setTagSetStatus(input: {tagSetStatus: $status}) {\n"
    "                    tagSetStatus\n                }\n            }\n        }\n        "
)
GET_TAG_SET_STATUS = (
    "query GetTagSetStatusPyApi($projectId: ID!) {\n"
    "              project(where: {id: $projectId}) {\n"
    "                 tagSetStatus\n            }\n        }\n        "
)
UPSERT_REVIEW_QUEUE = (
    "mutation UpsertReviewQueuePyApi($projectId: ID!, $quotaFactor: Float!){\n"
    "            upsertReviewQueue(where:{project: {id: $projectId}}\n"
    "                            data:{quotaFactor: $quotaFactor}) {id}}"
)


def extend_reservations(queue_type: str) -> str:
    return (
        "mutation ExtendReservationsPyApi($projectId: ID!){\n"
        f"            extendReservations(projectId:$projectId queueType:{queue_type})}}"
    )
