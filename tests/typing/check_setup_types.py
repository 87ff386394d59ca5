"""Static types of ontologies, project setup and the labeling queue (`make typecheck`).

Each `assert_type` pins a type; each `type: ignore[code]` pins an error mypy must report.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from typing_extensions import assert_type

import labelbox as lb
from labelbox.orm.db_object import RelationshipManager, ToOneManager
from labelbox.pagination import PaginatedCollection
from labelbox.schema.batch import BatchFailure
from labelbox.schema.consensus_settings import ConsensusSettings, ConsensusSettingsDict
from labelbox.schema.ontology import (
    ClassificationDict,
    FeatureSchemaDict,
    OntologyDict,
    OptionDict,
    ToolDict,
)
from labelbox.schema.project import LabelingParameterOverride
from labelbox.schema.queue_mode import QueueMode


def check_ontologies(client: lb.Client) -> None:
    builder = lb.OntologyBuilder(tools=[lb.Tool(tool=lb.Tool.Type.BBOX, name="car")])
    normalized = builder.asdict()
    assert_type(normalized, OntologyDict)
    assert_type(normalized["tools"], list[ToolDict])
    assert_type(normalized["classifications"], list[ClassificationDict])
    assert_type(normalized["tools"][0]["featureSchemaId"], str | None)
    assert_type(normalized["classifications"][0]["options"], list[OptionDict])
    assert_type(lb.OntologyBuilder.from_dict(normalized), lb.OntologyBuilder)
    assert_type(lb.Tool(tool=lb.Tool.Type.POINT, name="p").asdict(), ToolDict)
    radio = lb.Classification(lb.Classification.Type.RADIO, "q", options=[lb.Option("a")])
    assert_type(radio.asdict(), ClassificationDict)
    assert_type(radio.class_type, lb.Classification.Type)
    assert_type(lb.Option("a").asdict(), OptionDict)
    lb.Tool(tool="rectangle", name="x")  # type: ignore[arg-type]

    ontology = client.create_ontology("o", normalized, lb.MediaType.Image)
    assert_type(ontology, lb.Ontology)
    assert_type(ontology.normalized, OntologyDict)
    assert_type(ontology.name, str)
    assert_type(ontology.created_at, datetime)
    assert_type(ontology.object_schema_count, int)
    assert_type(ontology.tools(), list[lb.Tool])
    assert_type(ontology.classifications(), list[lb.Classification])
    assert_type(ontology.projects, RelationshipManager[lb.Project])
    assert_type(ontology.created_by, ToOneManager[lb.User])
    assert_type(client.get_ontology("id"), lb.Ontology)
    assert_type(client.get_ontologies("o"), PaginatedCollection[lb.Ontology])
    assert_type(client.create_ontology_from_feature_schemas("o", ["id"]), lb.Ontology)

    feature = client.create_feature_schema(lb.Tool(tool=lb.Tool.Type.LINE, name="l").asdict())
    assert_type(feature, lb.FeatureSchema)
    assert_type(feature.normalized, FeatureSchemaDict)
    assert_type(feature.color, str | None)
    assert_type(client.get_feature_schema("id"), lb.FeatureSchema)
    assert_type(client.get_feature_schemas("l"), PaginatedCollection[lb.FeatureSchema])


def check_setup(client: lb.Client, project: lb.Project, ontology: lb.Ontology) -> None:
    frontend = client.get_labeling_frontends().get_one()
    assert frontend is not None
    assert_type(project.setup(frontend, lb.OntologyBuilder().asdict()), None)
    assert_type(project.setup_editor(ontology), None)
    assert_type(project.upsert_instructions("instructions.pdf"), None)
    assert_type(project.ontology(), lb.Ontology | None)
    options = project.labeling_frontend_options().get_one()
    assert options is not None
    assert_type(options, lb.LabelingFrontendOptions)
    assert_type(options.customization_options, str)
    assert_type(options.project(), lb.Project)
    assert_type(options.labeling_frontend(), lb.LabelingFrontend)
    assert_type(lb.OntologyBuilder.from_project(project), lb.OntologyBuilder)
    project.setup_editor("ontology id")  # type: ignore[arg-type]


def check_queue(project: lb.Project, row: lb.DataRow) -> None:
    batch = project.create_batch("b", [row, "id"], priority=1)
    assert_type(batch, lb.Batch)
    assert_type(batch.name, str)
    assert_type(batch.size, int)
    assert_type(batch.created_at, datetime)
    assert_type(batch.deleted, bool)
    assert_type(batch.consensus_settings, ConsensusSettingsDict | None)
    assert_type(batch.failed_data_row_ids, Iterator[str])
    assert_type(batch.failed_data_rows, list[BatchFailure])
    assert_type(batch.project(), lb.Project)
    assert_type(batch.created_by, ToOneManager[lb.User])
    assert_type(batch.export_data_rows(), Iterator[lb.DataRow])
    assert_type(batch.remove_queued_data_rows(), None)
    assert_type(batch.delete(), None)
    settings = ConsensusSettings(number_of_labels=2, coverage_percentage=0.5)
    assert_type(project.create_batch("c", [row], consensus_settings=settings), lb.Batch)
    project.create_batch("d", [row], priority="high")  # type: ignore[arg-type]
    assert_type(project.batches(), PaginatedCollection[lb.Batch])
    assert_type(project.export_queued_data_rows(), list[dict[str, Any]])

    assert_type(project.set_labeling_parameter_overrides([(row, 1, 2)]), bool)
    assert_type(project.unset_labeling_parameter_overrides([row]), bool)
    override = project.labeling_parameter_overrides().get_one()
    assert override is not None
    assert_type(override, LabelingParameterOverride)
    assert_type(override.priority, int)
    assert_type(override.number_of_labels, int)
    assert_type(override.data_row(), lb.DataRow)
    assert_type(project.get_queue_mode(), QueueMode)
    assert_type(project.upsert_review_queue(0.5), None)
    assert_type(project.extend_reservations("LabelingQueue"), int)
