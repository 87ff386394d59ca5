"""Documents of labels, reviews, benchmarks, label exports and label imports exactly as the
official Labelbox SDK 3.36.0 sends them (wire spec §2.3, §3.4-3.6, §3.18, §4.3, §4.4, §4.7)."""

from __future__ import annotations

from .sdk_documents import PROJECT_SEL, USER_SEL

LABEL_SEL = (
    "agreement benchmarkAgreement createdAt isBenchmarkReference label secondsToLabel id updatedAt"
)
REVIEW_SEL = "createdAt score id updatedAt"
BENCHMARK_SEL = "averageAgreement completedCount createdAt lastActivity id"
LABEL_IMPORT_SEL = (
    f"errorFileUrl inputFileUrl name progress state statusFileUrl id project{{{PROJECT_SEL}}}"
)


def get_project_labels(where: str = "", order_by: str = "") -> str:
    """`project.labels(datasets=..., order_by=...)`: the filter and order are inlined."""
    return (
        "query GetProjectLabelsPyApi($projectId: ID!)\n"
        "            {project (where: {id: $projectId})\n"
        f"                {{labels (skip: 0 first: 100 {where} {order_by}) {{{LABEL_SEL}}}}}}}"
    )


def label_relationship(name: str, field: str, selection: str) -> str:
    """An ORM to-one relationship of a label (`label.project()`, ...)."""
    return (
        f"query GetLabel{name}PyApi($param_0: ID!){{label(where: {{id: $param_0}})"
        f"{{{field}{{{selection}}}}}}}"
    )


GET_LABEL_PROJECT = label_relationship("Project", "project", PROJECT_SEL)
GET_LABEL_CREATED_BY = label_relationship("CreatedBy", "createdBy", USER_SEL)
GET_LABEL_REVIEWS = (
    "query GetLabelReviewsPyApi($param_0: ID!){label(where: {id: $param_0})"
    f"{{reviews(skip: 0 first: 100){{{REVIEW_SEL}}}}}}}"
)
UPDATE_LABEL = (
    "mutation updateLabelPyApi($label: String!, $LabelId: ID!){updateLabel(\n"
    "        where: {id: $LabelId} data: {label: $label}) {"
    f"{LABEL_SEL}}}}} "
)


def delete_labels(ids: list[str]) -> str:
    quoted = ", ".join(f'"{i}"' for i in ids)
    return f"mutation deleteLabelsPyApi{{deleteLabels(labelIds: [{quoted}]){{id}}}}"


CREATE_REVIEW = (
    "mutation CreateReviewPyApi($score: Float!, $label: ID!, $project: ID!){createReview("
    "data: {score: $score label: {connect: {id: $label}} project: {connect: {id: $project}}})"
    f" {{{REVIEW_SEL}}}}}"
)
UPDATE_REVIEW = (
    "mutation updateReviewPyApi($score: Float!, $ReviewId: ID!){updateReview(\n"
    "        where: {id: $ReviewId} data: {score: $score}) {"
    f"{REVIEW_SEL}}}}} "
)
DELETE_REVIEW = (
    "mutation deleteReviewPyApi($ReviewId: ID!){updateReview(where: {id: $ReviewId} "
    "data: {deleted: true}) {id}}"
)
GET_REVIEW_LABEL = (
    "query GetReviewLabelPyApi($param_0: ID!){review(where: {id: $param_0})"
    f"{{label{{{LABEL_SEL}}}}}}}"
)
CREATE_BENCHMARK = (
    "mutation CreateBenchmarkPyApi($labelId: ID!) {\n"
    "            createBenchmark(data: {labelId: $labelId}) {"
    f"{BENCHMARK_SEL}}}}} "
)
DELETE_BENCHMARK = (
    "mutation DeleteBenchmarkPyApi($labelId: ID!) {\n"
    "            deleteBenchmark(where: {labelId: $labelId}) {id}} "
)
GET_BENCHMARK_REFERENCE_LABEL = (
    "query GetBenchmarkReferenceLabelPyApi($param_0: ID!){benchmark(where: {id: $param_0})"
    f"{{referenceLabel{{{LABEL_SEL}}}}}}}"
)
GET_PROJECT_BENCHMARKS = (
    "query GetProjectBenchmarksPyApi($param_0: ID!){project(where: {id: $param_0})"
    f"{{benchmarks(skip: 0 first: 100){{{BENCHMARK_SEL}}}}}}}"
)


def export_labels(filters: str = "") -> str:
    """`project.export_labels(start=..., end=...)`: `filters` is inlined, e.g.
    `, filters: {labelCreatedAt: {start: "2020-01-01",end: "2020-01-02"} }`."""
    return (
        "mutation GetLabelExportUrlPyApi($projectId: ID!)\n"
        f"            {{exportLabels(data:{{projectId: $projectId{filters}}}) "
        "{downloadUrl createdAt shouldPoll} }\n        "
    )


GET_ISSUES_EXPORT = (
    "query GetProjectIssuesExportPyApi($projectId: ID!, $status: IssueStatus) {\n"
    "            project(where: { id: $projectId }) {\n"
    "                issueExportUrl(where: { status: $status })\n"
    "            }\n"
    "        }"
)
MEMBERS = (
    "query ProjectMemberOverviewPyApi($projectId: ID!) {\n"
    "             project(where: {id : $projectId}) { id members(skip: 0 first: 100)"
    f"{{ id user {{ {USER_SEL} }} role {{ id name }} }}\n"
    "           }\n        }"
)
LABELER_PERFORMANCE = (
    "query LabelerPerformancePyApi($projectId: ID!) {\n"
    "            project(where: {id: $projectId}) {\n"
    "                labelerPerformance(skip: 0 first: 100) {\n"
    f"                    count user {{{USER_SEL}}} secondsPerLabel totalTimeLabeling consensus\n"
    "                    averageBenchmarkAgreement lastActivityTime}\n"
    "            }}"
)


def review_metrics(net_score: str) -> str:
    """`project.review_metrics(...)`: `Negative`, `Zero`, `Positive` or `None`, inlined."""
    return (
        "query ProjectReviewMetricsPyApi($projectId: ID!){\n"
        "            project(where: {id:$projectId})\n"
        f"            {{reviewMetrics {{labelAggregate(netScore: {net_score}) {{count}}}}}}\n"
        "        }"
    )


TOGGLE_MAL = (
    "mutation toggle_model_assisted_labelingPyApi($project_id: ID!, $show: Boolean!) {\n"
    "            project(where: {id: $project_id }) {\n"
    "                showPredictionsToLabelers(show: $show) {\n"
    "                    id, showingPredictionsToLabelers\n"
    "                }\n"
    "            }\n"
    "        }"
)
GET_WINNING_LABEL = (
    "query GetWinningLabelIdPyApi($dataRowId: ID!, $projectId: ID!) {\n"
    "            dataRow(where: {id: $dataRowId}) {\n"
    "                labelingActivity(where: {projectId: $projectId}) {\n"
    "                    selectedLabelId\n"
    "                }\n"
    "            }}\n"
    "        "
)
CREATE_LABEL_IMPORT_BY_URL = (
    "mutation createLabelImportByUrlPyApi($projectId : ID!, $name: String!, $fileUrl: String!) {\n"
    "            createLabelImport(data: {\n"
    "                projectId: $projectId\n"
    "                name: $name\n"
    "                fileUrl: $fileUrl\n"
    f"            }}) {{{LABEL_IMPORT_SEL}}}\n"
    "        }"
)
CREATE_LABEL_IMPORT_BY_FILE = (
    "mutation createLabelImportByFilePyApi($projectId : ID!, $name: String!, $file: Upload!, "
    "$contentLength: Int!) {\n"
    "            createLabelImport(data: {\n"
    "                projectId: $projectId name: $name filePayload: { file: $file, "
    "contentLength: $contentLength}\n"
    f"        }}) {{{LABEL_IMPORT_SEL}}}\n"
    "        }"
)
GET_LABEL_IMPORT = (
    "query getLabelImportPyApi($projectId : ID!, $name: String!) {\n"
    "            labelImport(\n"
    "                where: {projectId: $projectId, name: $name}){\n"
    f"                    {LABEL_IMPORT_SEL}\n"
    "                }}"
)
