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
