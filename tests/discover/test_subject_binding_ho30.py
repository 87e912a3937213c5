"""A value under a ``subject`` binding of the tree-sitter readers (classifier.DISPLAY_BINDINGS: an OCI artifact's or
a mail's subject) says what something is about, for people and registries: not a model sent to an API, even when it
spells a known model (held-out-30, tuneA36). The same model under a model field beside it is still reported. Python's
keyword arguments go through python.py's own rules and are not changed here."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

# written in the shape of a Kubernetes operator's Go types for an evaluation job pushing its results to a registry
GO = """\
package jobs

type OCISpec struct {
	Repository string
	Subject    string
}

type JobSpec struct {
	Model   string
	Outputs OCISpec
}

func newJob() JobSpec {
	return JobSpec{
		Model: "meta-llama/Llama-2-7b-chat-hf",
		Outputs: OCISpec{
			Repository: "myorg/evaluation-results",
			Subject:    "llama-2-7b-chat",
		},
	}
}
"""

def test_go_subject_field_is_not_a_model(tmp_path: Path) -> None:
    assert found(tmp_path, "jobs/job.go", GO) == {(15, "meta-llama/Llama-2-7b-chat-hf")}

