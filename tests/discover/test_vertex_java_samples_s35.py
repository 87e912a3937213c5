"""Session 35 (tuneB35): Vertex AI Java samples. A cloud region written beside the model (`String location =
"us-central1"` then `ModelName.of(project, location, modelId)`) is never a model; a test class's bucket constant
among its model constants is no peer of them; PaLM 2 / Codey ids (`text-bison`, `code-bison@001`) are known models,
also as the tuning pipeline's `large_model_reference` value and inside a `publishers/google/models/…` resource name a
test looks for with contains()."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SAMPLE = """package aiplatform;

public class GetModelSample {
  static void getModel(String project, String modelId) throws Exception {
    try (ModelServiceClient client = ModelServiceClient.create(settings)) {
      String location = "us-central1";
      ModelName modelName = ModelName.of(project, location, modelId);
      String region = "europe-west4";
      EndpointName endpoint = EndpointName.ofProjectLocationPublisherModelName(project, region, "google", model);
    }
  }
}
"""

_TUNING = """package aiplatform;

public class CreatePipelineJobModelTuningSample {
  static void tune(String project) throws Exception {
    Map<String, Value> parameterValues = new HashMap<>();
    parameterValues.put("project", stringToValue(project));
    parameterValues.put("location", stringToValue("us-central1"));
    parameterValues.put("large_model_reference", stringToValue("text-bison@001"));
    parameterValues.put("accelerator_type", stringToValue("GPU"));
  }
}
"""

_TEST = """package aiplatform;

public class BatchCodePredictionSampleTest {
  private static final String LOCATION = "us-central1";
  private static final String MODEL_ID = "code-bison";

  @Test
  public void testBatchCodePredictionSample() throws IOException {
    BatchPredictionJob job = BatchCodePredictionSample.batchCodePrediction(PROJECT_ID, MODEL_ID, LOCATION);
    assertTrue(job.getModel().contains("publishers/google/models/code-bison"));
    assertTrue(job.getModel().contains("publishers/google/models/textembedding-gecko"));
    assertTrue(job.getModel().contains("publishers/google/models/my-model"));
  }
}
"""

_IT = """package genai.imagegeneration;

public class ImageGenerationIT {
  private static final String IMAGEN_3_MODEL = "imagen-3.0-capability-001";
  private static final String BUCKET_NAME = "java-docs-samples-testing";
  private static final String IMAGEN_4_MODEL = "imagen-4.0-generate-001";
  private static final String GEMINI_MODEL = "gemini-2.5-flash";
}
"""


def test_a_region_beside_the_model_is_no_model(tmp_path: Path) -> None:
    assert found(tmp_path, "aiplatform/src/main/java/aiplatform/GetModelSample.java", _SAMPLE) == set()


def test_a_tuning_pipelines_model_reference(tmp_path: Path) -> None:
    assert found(tmp_path, "aiplatform/src/main/java/aiplatform/CreatePipelineJobModelTuningSample.java",
                 _TUNING) == {(8, "text-bison@001")}


def test_palm_ids_and_vertex_resource_names_in_a_test(tmp_path: Path) -> None:
    assert found(tmp_path, "aiplatform/src/test/java/aiplatform/BatchCodePredictionSampleTest.java", _TEST) == {
        (5, "code-bison"),
        (10, "publishers/google/models/code-bison"),
        (11, "publishers/google/models/textembedding-gecko"),
    }


def test_a_bucket_constant_among_model_constants(tmp_path: Path) -> None:
    assert found(tmp_path, "genai/src/test/java/genai/imagegeneration/ImageGenerationIT.java", _IT) == {
        (4, "imagen-3.0-capability-001"), (6, "imagen-4.0-generate-001"), (7, "gemini-2.5-flash")}


_GO_PATHS = """package ernie

func modelToPath(model ModelName) ModelPath {
\tswitch model {
\tcase ModelNameERNIEBot:
\t\treturn "completions"
\tcase ModelNameERNIEBotTurbo:
\t\treturn "eb-instant"
\tcase ModelNameBloomz7B:
\t\treturn "bloomz_7b1"
\tcase ModelNameLlama2_7BChat:
\t\treturn "llama_2_7b"
\tcase ModelNameLlama2_13BChat:
\t\treturn "llama_2_13b"
\tcase ModelNameLlama2_70BChat:
\t\treturn "llama_2_70b"
\t}
\treturn ""
}
"""


def test_a_model_named_function_is_no_resource_name(tmp_path: Path) -> None:
    # `modelToPath` says path but also model: its switch's returns stay one table (peers), as before
    assert {(8, "eb-instant"), (10, "bloomz_7b1")} <= found(tmp_path, "llms/ernie/erniellm.go", _GO_PATHS)
