"""The documents Labelbox's SDK 3.36.0 sends for models, model runs, MEA imports and catalog
slices (wire spec §4.1, §4.6, §4.7), as the server tests send them."""

from __future__ import annotations

CREATE_MODEL = """mutation createModelPyApi($name: String!, $ontologyId: ID!){
    createModel(data: {name : $name, ontologyId : $ontologyId}){ name id } }"""
GET_MODEL = "query GetModelPyApi($param_0: ID!) {model(where: {id: $param_0}) {name id}}"
GET_MODELS = "query GetModelsPyApi { models(skip: 0 first: 100) {name id}}"
DELETE_MODELS = """mutation DeleteModelPyApi($ids: ID!) {
    deleteModels(where: {ids: [$ids]})}"""
CREATE_MODEL_RUN = """mutation CreateModelRunPyApi($name: String!, $config: Json, $modelId: ID!) {
    createModelRun(data: {name: $name, trainingMetadata: $config, modelId: $modelId}) {
    createdAt createdBy modelId name trainingMetadata id updatedAt}}"""
GET_MODEL_RUN = """query GetModelRunPyApi($param_0: ID!) {modelRun(where: {id: $param_0})
    {createdAt createdBy modelId name trainingMetadata id updatedAt}}"""
DELETE_MODEL_RUNS = """mutation DeleteModelRunPyApi($ids: ID!) {
    deleteModelRuns(where: {ids: [$ids]})}"""
REGISTER_DATA_ROWS = """mutation createMEAModelRunDataRowRegistrationTaskPyApi($modelRunId: ID!,
    $dataRowIds : [ID!]!) { createMEAModelRunDataRowRegistrationTask(where : { id : $modelRunId},
    data : {dataRowIds: $dataRowIds})}"""
DATA_ROW_TASK_STATUS = """query MEADataRowRegistrationTaskStatusPyApi($where: WhereUniqueIdInput!){
    MEADataRowRegistrationTaskStatus(where: $where) {status errorMessage}}"""
REGISTER_LABELS = """mutation createMEAModelRunLabelRegistrationTaskPyApi($modelRunId: ID!,
    $labelIds : [ID!]!) { createMEAModelRunLabelRegistrationTask(where : { id : $modelRunId},
    data : {labelIds: $labelIds})}"""
LABEL_TASK_STATUS = """query MEALabelRegistrationTaskStatusPyApi($where: WhereUniqueIdInput!){
    MEALabelRegistrationTaskStatus(where: $where) {status errorMessage}}"""
MODEL_RUN_DATA_ROWS = """query modelRunPyApi($modelRunId: ID!, $from : String, $first: Int){
    annotationGroups(where: {modelRunId: {id: $modelRunId}}, after: $from, first: $first)
    {nodes{dataSplit labelId modelRunId id dataRow{id}},pageInfo{endCursor}}}"""
DELETE_MODEL_RUN_DATA_ROWS = """mutation DeleteModelRunDataRowsPyApi($modelRunId: ID!,
    $dataRowIds: [ID!]!) { deleteModelRunDataRows(where: {modelRunId: $modelRunId,
    dataRowIds: $dataRowIds})}"""
ASSIGN_SPLIT = """mutation assignDataSplitPyApi($modelRunId: ID!,
    $data: CreateAssignDataRowsToDataSplitTaskInput!){
    createAssignDataRowsToDataSplitTask(modelRun : {id: $modelRunId}, data: $data)}"""
SPLIT_TASK_STATUS = """query assignDataRowsToDataSplitTaskStatusPyApi($id: ID!){
    assignDataRowsToDataSplitTaskStatus(where: {id : $id}){status errorMessage}}"""
SET_PIPELINE_STATUS = """mutation setPipelineStatusPyApi($modelRunId: ID!,
    $data: UpdateTrainingPipelineInput!){
    updateTrainingPipeline(modelRun: {id : $modelRunId}, data: $data){status}}"""
TRAINING_PIPELINE = """query($id: ID!) { trainingPipeline(where: {id: $id})
    { status errorMessage metadata } }"""
UPDATE_CONFIG = """mutation updateModelRunConfigPyApi($modelRunId: ID!,
    $data: UpdateModelRunConfigInput!){
    updateModelRunConfig(modelRun: {id : $modelRunId}, data: $data){trainingMetadata}}"""
RESET_CONFIG = """mutation resetModelRunConfigPyApi($modelRunId: ID!){
    resetModelRunConfig(modelRun: {id : $modelRunId}){trainingMetadata}}"""
GET_CONFIG = """query ModelRunPyApi($modelRunId: ID!){
    modelRun(where: {id : $modelRunId}){trainingMetadata}}"""
EXPORT_MODEL_RUN = """mutation exportModelRunAnnotationsPyApi($modelRunId: ID!) {
    exportModelRunAnnotations(data: {modelRunId: $modelRunId}) { downloadUrl createdAt status }}"""
MEA_IMPORT_FIELDS = "errorFileUrl inputFileUrl name progress state statusFileUrl id modelRunId"
CREATE_MEA_IMPORT_BY_URL = f"""mutation createMEAPredictionImportByUrlPyApi($modelRunId : ID!,
    $name: String!, $fileUrl: String!) {{ createModelErrorAnalysisPredictionImport(data: {{
    modelRunId: $modelRunId name: $name fileUrl: $fileUrl }}) {{{MEA_IMPORT_FIELDS}}} }}"""
GET_MEA_IMPORT = f"""query getModelErrorAnalysisPredictionImportPyApi($modelRunId : ID!,
    $name: String!) {{ modelErrorAnalysisPredictionImport(
    where: {{modelRunId: $modelRunId, name: $name}}){{{MEA_IMPORT_FIELDS}}}}}"""
MEA_TO_MAL_FIELDS = "errorFileUrl inputFileUrl name progress state statusFileUrl id project { id }"
CREATE_MEA_TO_MAL = f"""mutation createMalPredictionImportForModelRunDataRowsPyApi(
    $dataRowIds: [ID!]!, $name: String!, $modelRunId: ID!, $projectId:ID!) {{
    createMalPredictionImportForModelRunDataRows(data: {{ name: $name modelRunId: $modelRunId
    dataRowIds: $dataRowIds projectId: $projectId }}) {{{MEA_TO_MAL_FIELDS}}} }}"""
GET_MEA_TO_MAL = f"""query getMEAToMALPredictionImportPyApi($projectId : ID!, $name: String!) {{
    meaToMalPredictionImport(where: {{projectId: $projectId, name: $name}}){{{MEA_TO_MAL_FIELDS}}}}}"""
GET_SAVED_QUERY = """
    query getSavedQueryPyApi($id: ID!) {
        getSavedQuery(id: $id) { id name description filter createdAt updatedAt } }"""
GET_SLICE_ROW_IDS = """
    query getDataRowIdsBySavedQueryPyApi($id: ID!, $from: String, $first: Int!) {
        getDataRowIdsBySavedQuery(input: { savedQueryId: $id, after: $from first: $first }) {
            totalCount nodes pageInfo { endCursor hasNextPage } } }"""
CREATE_SLICE = """mutation($name: String!, $description: String, $filter: Json!) {
    createCatalogSlice(data: {name: $name, description: $description, filter: $filter})
    { id name description filter } }"""
